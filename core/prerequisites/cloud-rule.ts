import type { CloudEnv } from '../ports/cloud-environment.js';
import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

const CLOUD: RuleBase = {
  id: 'cloud.public',
  area: 'Cloud',
  title: 'Tenant is in the Azure public cloud',
  docLink: DOC_LINKS.tenantOnboarding,
};

const UNSUPPORTED: Partial<Record<CloudEnv, string>> = {
  AzureUSGovernmentCloud: "Azure Government isn't supported for this scenario",
  AzureChinaCloud: "Azure China isn't supported for this scenario",
};

const UNSUPPORTED_FIX =
  'Endpoint security policy for tenant attached devices needs a tenant in the Azure public cloud (AzurePublicCloud on the Tenant onboarding page). Use a commercial tenant; this one cannot be changed.';

/** Both the identity platform's metadata and the environment ConfigMgr onboarded to must say AzurePublicCloud. */
export function cloudRule(facts: PrerequisiteFacts): RuleResult {
  const identity = facts.cloud.status === 'read' ? facts.cloud.value.cloud : undefined;
  const attach = facts.tenantAttach.status === 'read' ? facts.tenantAttach.value : undefined;
  const unsupported = [
    identity && UNSUPPORTED[identity] ? `The identity platform puts the tenant in ${identity}` : undefined,
    attach && UNSUPPORTED[attach.cloud] ? `ConfigMgr's Azure tenant is in ${attach.cloud}` : undefined,
  ].filter((line) => line !== undefined);
  if (unsupported.length > 0) {
    const cloud = identity && UNSUPPORTED[identity] ? identity : (attach?.cloud ?? 'Unknown');
    return {
      ...CLOUD,
      status: 'fail',
      evidence: `${unsupported.join('; ')}: ${UNSUPPORTED[cloud] ?? ''}.`,
      fix: UNSUPPORTED_FIX,
    };
  }
  if (facts.cloud.status !== 'read') return unreadable(CLOUD, facts.cloud);
  const metadata = `cloud_instance_name ${facts.cloud.value.cloudInstanceName}${facts.cloud.value.tenantRegionScope ? `, tenant_region_scope ${facts.cloud.value.tenantRegionScope}` : ''}`;
  if (identity !== 'AzurePublicCloud') {
    return {
      ...CLOUD,
      status: 'unknown',
      evidence: `Microsoft sign-in reports the tenant in a cloud AttachOps does not know (${facts.cloud.value.cloudInstanceName}).`,
      details: [`sign-in metadata: ${metadata}`],
      fix: 'Check TENANT_ID is the tenant you mean; AttachOps supports the Azure public cloud only.',
    };
  }
  if (facts.tenantAttach.status !== 'read') return unreadable(CLOUD, facts.tenantAttach);
  const fromIdentity = 'Microsoft sign-in puts the tenant in the Azure public cloud';
  if (attach?.cloud === 'AzurePublicCloud')
    return { ...CLOUD, status: 'pass', evidence: `${fromIdentity}, and so does ConfigMgr's Azure tenant.` };
  if (attach?.attached !== true) {
    return {
      ...CLOUD,
      status: 'pass',
      evidence: `${fromIdentity}; ConfigMgr has no Azure tenant yet, so choose AzurePublicCloud when you attach.`,
    };
  }
  return {
    ...CLOUD,
    status: 'unknown',
    evidence: `${fromIdentity}, but ConfigMgr does not report the environment of its Azure tenant.`,
    fix: 'In the Configuration Manager console check Administration > Cloud Services > Azure Active Directory Tenants: the tenant must be in AzurePublicCloud.',
  };
}
