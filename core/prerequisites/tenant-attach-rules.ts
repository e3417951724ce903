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

export const CONFIGURE_UPLOAD_PATH =
  'Administration > Overview > Cloud Services > Co-management (Cloud Attach from 2111), Properties of the co-management settings > Configure upload tab';

const ATTACH_FIX =
  'In the Configuration Manager console go to Administration > Overview > Cloud Services > Co-management (Cloud Attach from 2111). ' +
  'Without co-management: click Configure co-management in the ribbon, choose AzurePublicCloud, sign in as a Global Administrator, keep Upload to Microsoft Endpoint Manager admin center selected, clear Enable automatic client enrollment for co-management, and click Yes to Create AAD Application. ' +
  'With co-management: open the Properties of your co-management settings, and on the Configure upload tab select Upload to Microsoft Endpoint Manager admin center, then Apply.';

export function tenantAttachedRule(facts: PrerequisiteFacts): RuleResult {
  if (facts.tenantAttach.status !== 'read') return unreadable(ATTACHED, facts.tenantAttach);
  const state = facts.tenantAttach.value;
  const evidence = state.evidence.length > 0 ? ` (${state.evidence.join('; ')})` : '';
  if (state.attached === true) {
    const tenant = state.tenantName ?? state.tenantId ?? 'an Azure AD tenant';
    return {
      ...ATTACHED,
      status: 'pass',
      evidence: `ConfigMgr uploads to Microsoft Endpoint Manager admin center for ${tenant}${evidence}.`,
    };
  }
  if (state.attached === false) {
    return {
      ...ATTACHED,
      status: 'fail',
      evidence: `ConfigMgr is not tenant attached: Upload to Microsoft Endpoint Manager admin center is off${evidence}.`,
      fix: ATTACH_FIX,
    };
  }
  return {
    ...ATTACHED,
    status: 'unknown',
    evidence: `ConfigMgr does not show whether it is tenant attached${evidence}.`,
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
