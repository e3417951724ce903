import { ok, type Result } from '../../core/errors/gateway-error.js';
import type { CloudEnv } from '../../core/ports/cloud-environment.js';
import type { TenantAttachState, UploadScope } from '../../core/ports/configmgr-gateway.js';
import { attachedFromTenantRow, readAllClientsCoManaged, readUploadScope } from './tenant-attach-inference.js';
import type { AdminServiceTransport } from './transport.js';
import type { WmiReader } from './wmi-reader.js';
import { environmentRowSchema, tenantRowSchema } from './wmi-schemas.js';

/**
 * Tenant attach from SMS_AAD_Tenant_Ex, SMS_AzureEnvironments, the co-management of clients and the upload scope,
 * read in one round trip: the four reads start together, the upload scope asked for `expectedTenantId` (our own tenant, known from
 * configuration). Only when the site knows a different tenant is the upload scope asked again for that one.
 */
export async function readTenantAttachState(
  wmi: WmiReader,
  transport: AdminServiceTransport,
  expectedTenantId: string | undefined,
): Promise<Result<TenantAttachState>> {
  const speculativeScope = expectedTenantId === undefined ? undefined : readUploadScope(transport, expectedTenantId);
  const [tenants, environments, coManaged] = await Promise.all([
    wmi.list('/wmi/SMS_AAD_Tenant_Ex', { $select: 'ID,Name,TenantID,Environment,SiteCode' }, tenantRowSchema),
    wmi.list('/wmi/SMS_AzureEnvironments', { $select: 'ID,EnvironmentName' }, environmentRowSchema),
    readAllClientsCoManaged(wmi),
  ]);
  if (!tenants.ok) return tenants;
  const tenant = tenants.value[0];
  if (tenant === undefined) {
    return ok({
      attached: false as const,
      cloud: 'Unknown' as const,
      uploadScope: { kind: 'unknown' as const },
      evidence: ['no SMS_AAD_Tenant_Ex row: the site knows no Azure AD tenant'],
    });
  }
  if (!environments.ok) return environments;
  const environment = environments.value.find((row) => row.ID === tenant.Environment)?.EnvironmentName;
  const attached = attachedFromTenantRow(tenant);
  const uploadScope: UploadScope =
    attached && tenant.TenantID
      ? await (speculativeScope !== undefined && sameTenant(tenant.TenantID, expectedTenantId)
          ? speculativeScope
          : readUploadScope(transport, tenant.TenantID))
      : { kind: 'unknown' };
  return ok({
    attached,
    tenantId: tenant.TenantID,
    ...(tenant.Name ? { tenantName: tenant.Name } : {}),
    cloud: toCloudEnv(environment),
    uploadScope,
    ...(attached ? { allClientsCoManaged: coManaged } : {}),
    evidence: [
      `SMS_AAD_Tenant_Ex row for tenant ${tenant.TenantID}${environment ? ` in ${environment}` : ''}`,
      `upload scope from SMS_CoMgmtConfigs.GetTenantCollectionMapping: ${uploadScope.kind === 'collection' ? uploadScope.collectionId : uploadScope.kind}`,
    ],
  });
}

function sameTenant(left: string, right: string | undefined): boolean {
  return right !== undefined && left.toLowerCase() === right.toLowerCase();
}

function toCloudEnv(name: string | undefined): CloudEnv {
  return name === 'AzurePublicCloud' || name === 'AzureUSGovernmentCloud' || name === 'AzureChinaCloud'
    ? name
    : 'Unknown';
}
