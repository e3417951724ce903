import { cloudServicesNode } from './site-releases.js';
import { AFTER_TENANT_ATTACH } from './candidate-collections.js';
import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

const ATTACHED: RuleBase = {
  id: 'attach.configured',
  area: 'Tenant attach',
  title: 'Tenant attach is configured',
  docLink: DOC_LINKS.configureTenantAttach,
};
const UPLOAD_SCOPE: RuleBase = {
  id: 'attach.upload-scope',
  area: 'Tenant attach',
  title: 'Upload scope is set',
  docLink: DOC_LINKS.selectCollections,
};

/** The console node as the attach card names it when the site's version is not known (tenant-attach-guidance.ts). */
const CLOUD_SERVICES_PATH = `Administration > Cloud Services > ${cloudServicesNode({ buildNumber: 0, branch: 'unknown' }).node}`;

export const CONFIGURE_UPLOAD_PATH = `${CLOUD_SERVICES_PATH}, Properties of the co-management settings > Configure upload tab`;

/** Points at `attach`, with the console path the attach card shows for this site (its version decides the name). */
function attachFix(facts: PrerequisiteFacts): string {
  const path =
    facts.site.status === 'read'
      ? `Administration > Cloud Services > ${cloudServicesNode(facts.site.value).node}`
      : CLOUD_SERVICES_PATH;
  return (
    'Type attach: I check that you are a Global Administrator and walk you through the console steps. ' +
    `In a Configuration Manager console they start at ${path}: without co-management, the ribbon button that configures it ` +
    '(keep Upload to Microsoft Endpoint Manager admin center selected); with co-management, the Configure upload tab of its Properties.'
  );
}

export function tenantAttachedRule(facts: PrerequisiteFacts): RuleResult {
  if (facts.tenantAttach.status !== 'read') return unreadable(ATTACHED, facts.tenantAttach);
  const state = facts.tenantAttach.value;
  const details = state.evidence.length > 0 ? { details: [...state.evidence] } : {};
  if (state.attached === true) {
    const tenant = state.tenantName ?? 'your Azure AD tenant';
    return {
      ...ATTACHED,
      ...details,
      status: 'pass',
      evidence: `ConfigMgr uploads to Microsoft Endpoint Manager admin center for ${tenant}.`,
    };
  }
  if (state.attached === false) {
    return {
      ...ATTACHED,
      ...details,
      status: 'fail',
      evidence: 'ConfigMgr is not tenant attached: Upload to Microsoft Endpoint Manager admin center is off.',
      fix: attachFix(facts),
    };
  }
  return {
    ...ATTACHED,
    ...details,
    status: 'unknown',
    evidence: 'ConfigMgr does not show whether it is tenant attached.',
    fix: `In the console open ${CONFIGURE_UPLOAD_PATH} and check that Upload to Microsoft Endpoint Manager admin center is selected.`,
  };
}

export function uploadScopeRule(facts: PrerequisiteFacts): RuleResult {
  const notYet = beforeTenantAttach(UPLOAD_SCOPE, facts);
  if (notYet) return notYet;
  const scope =
    facts.tenantAttach.status === 'read' ? facts.tenantAttach.value.uploadScope : { kind: 'unknown' as const };
  if (scope.kind === 'all')
    return {
      ...UPLOAD_SCOPE,
      status: 'pass',
      evidence: 'All my devices managed by Microsoft Endpoint Configuration Manager are uploaded.',
    };
  if (scope.kind === 'collection')
    return { ...UPLOAD_SCOPE, status: 'pass', evidence: `Only collection ${scope.collectionId} is uploaded.` };
  return {
    ...UPLOAD_SCOPE,
    status: 'unknown',
    evidence: 'ConfigMgr does not show which devices it uploads.',
    fix: `In the console open ${CONFIGURE_UPLOAD_PATH} and check the device upload setting.`,
  };
}

/** Rules that only make sense once the hierarchy is attached answer `unknown` before that, not a failure of their own. */
export function beforeTenantAttach(base: RuleBase, facts: PrerequisiteFacts): RuleResult | undefined {
  if (facts.tenantAttach.status !== 'read') return unreadable(base, facts.tenantAttach);
  if (facts.tenantAttach.value.attached === true) return undefined;
  const evidence =
    facts.tenantAttach.value.attached === false ? AFTER_TENANT_ATTACH : 'Checked once tenant attach is confirmed.';
  return { ...base, status: 'unknown', evidence };
}
