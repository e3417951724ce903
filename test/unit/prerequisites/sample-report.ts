import { DOC_LINKS } from '../../../core/prerequisites/doc-links.js';
import { buildReport, type PrerequisiteReport } from '../../../core/prerequisites/report.js';
import type { PolicyProfile, RuleResult } from '../../../core/prerequisites/rule-result.js';

const shared: RuleResult[] = [
  {
    id: 'defender.connector',
    area: 'Defender for Endpoint',
    title: 'Defender for Endpoint is connected to Intune',
    status: 'pass',
    evidence: 'Partner state enabled.',
    docLink: DOC_LINKS.policyRequirements,
  },
  {
    id: 'permissions.global-administrator',
    area: 'Permissions',
    title: 'You are a Global Administrator',
    status: 'warn',
    evidence: 'Alex Wilber does not hold the Global Administrator role; only tenant attach needs it.',
    fix: 'Ask a Global Administrator to run attach.',
    docLink: DOC_LINKS.generalRequirements,
  },
  {
    id: 'cloud.public',
    area: 'Cloud',
    title: 'Tenant is in the Azure public cloud',
    status: 'pass',
    evidence: 'AzurePublicCloud.',
    docLink: DOC_LINKS.tenantOnboarding,
  },
  {
    id: 'attach.configured',
    area: 'Tenant attach',
    title: 'Tenant attach is configured',
    status: 'fail',
    evidence: 'ConfigMgr is not tenant attached.',
    fix: 'Administration > Overview > Cloud Services > Co-management > Configure co-management.',
    docLink: DOC_LINKS.configureTenantAttach,
  },
  {
    id: 'collections.enabled',
    area: 'Collections',
    title: 'Collections are enabled for endpoint security policies',
    status: 'unknown',
    evidence: 'Checked after tenant attach is configured.',
    docLink: DOC_LINKS.enableCollections,
  },
];

const versions: Record<PolicyProfile, RuleResult> = {
  edr: {
    id: 'configmgr.version.edr',
    area: 'ConfigMgr version',
    title: 'ConfigMgr version supports EDR policy',
    status: 'pass',
    evidence: 'Site PS1 runs current branch 2303 (build 9106).',
  },
  antivirus: {
    id: 'configmgr.version.antivirus',
    area: 'ConfigMgr version',
    title: 'ConfigMgr version supports Antivirus policy',
    status: 'fail',
    evidence:
      'Site PS1 runs current branch 2002 (build 8968); Antivirus policy needs current branch 2006 (build 9012) or later.',
    fix: 'Upgrade the site to current branch 2006 or later.',
    docLink: DOC_LINKS.policyRequirements,
  },
};

/** A report with every status, for card tests; synchronous so card fixtures can use it. */
export function sampleReport(targetCollectionIds: readonly string[] = []): PrerequisiteReport {
  return buildReport(
    { profile: 'all', checkedAt: new Date('2026-11-23T12:00:00Z'), targetCollectionIds },
    new Map<PolicyProfile, RuleResult[]>([
      ['edr', [versions.edr, ...shared]],
      ['antivirus', [versions.antivirus, ...shared]],
    ]),
  );
}
