import type { SiteInfo } from '../ports/configmgr-gateway.js';
import { BUILD_2002, BUILD_2006, describeBuild } from './configmgr-releases.js';
import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { HOTFIX_KB, hotfixVerdict } from './hotfix-kb4563473.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

const UPGRADE_FIX =
  'Upgrade the site to current branch 2006 or later: in the Configuration Manager console go to Administration > Updates and Servicing, and install the newest release listed.';
const PREVIEW_FIX =
  'In the Configuration Manager console open About Configuration Manager and confirm the technical preview version; AttachOps cannot map technical preview build numbers to versions.';

const EDR: RuleBase = {
  id: 'configmgr.version.edr',
  area: 'ConfigMgr version',
  title: 'ConfigMgr version supports EDR policy',
  docLink: DOC_LINKS.policyRequirements,
};
const ANTIVIRUS: RuleBase = {
  id: 'configmgr.version.antivirus',
  area: 'ConfigMgr version',
  title: 'ConfigMgr version supports Antivirus policy',
  docLink: DOC_LINKS.policyRequirements,
};

/** EDR: current branch 2002 with KB4563473, or 2006 and later; technical preview 2005 and later. */
export function edrVersionRule(facts: PrerequisiteFacts): RuleResult {
  if (facts.site.status !== 'read') return unreadable(EDR, facts.site);
  const site = facts.site.value;
  if (site.branch === 'technicalPreview') return preview(EDR, site, '2005');
  const runs = `Site ${site.siteCode} runs ${describeBuild(site.buildNumber)}${branchNote(site)}`;
  if (site.buildNumber < BUILD_2002)
    return {
      ...EDR,
      status: 'fail',
      evidence: `${runs}; EDR policy needs current branch 2002 or later.`,
      fix: UPGRADE_FIX,
    };
  if (site.buildNumber === BUILD_2002) return hotfixVerdict(EDR, site, facts.updates);
  if (site.buildNumber >= BUILD_2006)
    return {
      ...EDR,
      status: 'pass',
      evidence: `${runs}; 2006 and later support EDR policy, the 2002 hotfix does not apply.`,
    };
  return {
    ...EDR,
    status: 'unknown',
    evidence: `${runs}: between 2002 and 2006, so whether it includes the EDR support of ${HOTFIX_KB} cannot be told.`,
    fix: PREVIEW_FIX,
  };
}

/** Antivirus: current branch 2006 (build 9012) and later; technical preview 2006 and later. */
export function antivirusVersionRule(facts: PrerequisiteFacts): RuleResult {
  return release2006Rule(ANTIVIRUS, 'Antivirus', facts);
}

/** A profile that needs current branch 2006 (the catalog's `configMgrMinimum.rule: '2006'`), named `what`. */
export function release2006Rule(base: RuleBase, what: string, facts: PrerequisiteFacts): RuleResult {
  if (facts.site.status !== 'read') return unreadable(base, facts.site);
  const site = facts.site.value;
  if (site.branch === 'technicalPreview') return preview(base, site, '2006');
  const runs = `Site ${site.siteCode} runs ${describeBuild(site.buildNumber)}${branchNote(site)}`;
  if (site.buildNumber >= BUILD_2006)
    return {
      ...base,
      status: 'pass',
      evidence: `${runs}; ${what} policy needs 2006 (build ${BUILD_2006}) or later.`,
    };
  if (site.branch === 'current' || site.buildNumber <= BUILD_2002) {
    return {
      ...base,
      status: 'fail',
      evidence: `${runs}; ${what} policy needs current branch 2006 (build ${BUILD_2006}) or later.`,
      fix: UPGRADE_FIX,
    };
  }
  return {
    ...base,
    status: 'unknown',
    evidence: `${runs}: not a known current branch release.`,
    fix: PREVIEW_FIX,
  };
}

function preview(base: RuleBase, site: SiteInfo, minimum: string): RuleResult {
  return {
    ...base,
    status: 'unknown',
    evidence: `Site ${site.siteCode} runs a technical preview (build ${site.buildNumber}); this policy needs technical preview ${minimum} or later, and preview build numbers are not mapped to versions.`,
    fix: PREVIEW_FIX,
  };
}

function branchNote(site: SiteInfo): string {
  return site.branch === 'unknown' ? ' (branch not reported, judged by build number)' : '';
}
