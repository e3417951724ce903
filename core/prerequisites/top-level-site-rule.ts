import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

const TOP_LEVEL: RuleBase = {
  id: 'configmgr.top-level-site',
  area: 'Tenant attach',
  title: 'Connected to the top-level site',
  docLink: DOC_LINKS.enableCollections,
};

/** Tenant attach and Cloud Sync changes are made at the top of the hierarchy: the CAS, or a standalone primary. */
export function topLevelSiteRule(facts: PrerequisiteFacts): RuleResult {
  if (facts.site.status !== 'read') return unreadable(TOP_LEVEL, facts.site);
  const site = facts.site.value;
  const named = `${site.siteCode} (${site.siteName}, ${site.serverName})`;
  if (site.isTopLevel)
    return {
      ...TOP_LEVEL,
      status: 'pass',
      evidence: `Site ${named} is the top-level ${site.siteType === 'cas' ? 'central administration site' : 'standalone primary site'}.`,
    };
  const topLevel =
    site.siteType === 'primary'
      ? 'the central administration site (CAS) above it'
      : 'the top-level site of its hierarchy (the CAS, or the primary site it reports to when that primary is standalone)';
  return {
    ...TOP_LEVEL,
    status: 'fail',
    evidence: `Site ${named} is a ${site.siteType === 'primary' ? 'child primary' : 'secondary'} site; Cloud Sync changes need the top-level site.`,
    fix: `Connect AttachOps to the SMS Provider of ${topLevel}: set ADMINSERVICE_URL to that site's AdminService, and use a console connected to it for tenant attach.`,
  };
}
