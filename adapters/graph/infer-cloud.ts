import type { CloudEnv } from '../../core/ports/cloud-environment.js';

/**
 * The cloud verdict from OIDC metadata (graph-intune.md §2.1). Verified: the document carries
 * `cloud_instance_name`. INFERRED by the note: public cloud is `microsoftonline.com`, and a `tenant_region_scope`
 * of USGov/USG marks a US Government tenant even on that instance. Keep every rule about it here.
 */
export function inferCloud(cloudInstanceName: string, tenantRegionScope: string | undefined): CloudEnv {
  const instance = cloudInstanceName.toLowerCase();
  const region = tenantRegionScope?.toUpperCase();
  if (instance === 'microsoftonline.us' || region === 'USGOV' || region === 'USG') return 'AzureUSGovernmentCloud';
  if (instance === 'partner.microsoftonline.cn' || instance === 'chinacloudapi.cn') return 'AzureChinaCloud';
  if (instance === 'microsoftonline.com') return 'AzurePublicCloud';
  return 'Unknown';
}
