import { fail, gatewayError, ok, type Result } from '../../core/errors/gateway-error.js';
import type { CloudEnv } from '../../core/ports/cloud-environment.js';
import type { ConfigMgrGateway } from '../../core/ports/configmgr-gateway.js';
import { isCollectionId, odataLiteral } from './collection-id.js';
import { listCollectionMembers, listCollections, toCollectionSummary } from './collection-queries.js';
import { configureTenantAttachSteps, enableCollectionSteps, setUploadScopeSteps } from './manual-steps.js';
import { attachedFromTenantRow, readAllClientsCoManaged, readUploadScope } from './tenant-attach-inference.js';
import { createWmiReader, type WmiReader } from './wmi-reader.js';
import { collectionRowSchema, environmentRowSchema, groupMappingRowSchema, tenantRowSchema } from './wmi-schemas.js';
import { readSiteInfo, readUpdatePackages } from './site-queries.js';
import type { AdminServiceTransport } from './transport.js';

export interface AdminServiceGatewayOptions {
  readonly transport: AdminServiceTransport;
  /** Which row of SMS_Site is "our" site when the provider lists several. */
  readonly siteCode?: string;
}

/** The ConfigMgr gateway over the AdminService WMI route. It reports facts; readiness rules live in core. */
export function createAdminServiceGateway(options: AdminServiceGatewayOptions): ConfigMgrGateway {
  const wmi = createWmiReader(options.transport);
  return {
    getSiteInfo: () => readSiteInfo(wmi, options.siteCode),
    listUpdatePackages: () => readUpdatePackages(wmi),
    getTenantAttachState: () => readTenantAttachState(wmi, options.transport),
    configureTenantAttach: async () => manualStep(configureTenantAttachSteps),
    setUploadScope: async () => manualStep(setUploadScopeSteps),
    listCollections: (query) => listCollections(wmi, query),
    async getCollection(collectionId) {
      const invalid = checkCollectionId(collectionId);
      if (invalid) return invalid;
      const rows = await wmi.list(`/wmi/SMS_Collection(${odataLiteral(collectionId)})`, {}, collectionRowSchema, {
        collectionId,
      });
      if (!rows.ok) return rows;
      const row = rows.value[0];
      return row === undefined ? notFound(collectionId) : ok(toCollectionSummary(row));
    },
    listCollectionMembers: async (collectionId, page) =>
      checkCollectionId(collectionId) ?? listCollectionMembers(wmi, collectionId, page),
    async getCollectionCloudSync(collectionId) {
      const invalid = checkCollectionId(collectionId);
      if (invalid) return invalid;
      const rows = await wmi.list(
        '/wmi/SMS_CollectionAADGroupMapping',
        { $filter: `CollectionSiteID eq ${odataLiteral(collectionId)}` },
        groupMappingRowSchema,
      );
      if (!rows.ok) return rows;
      return ok({
        collectionId,
        endpointSecurityEnabled: endpointSecurityFromMappings(rows.value),
        aadGroups: rows.value
          .filter((row) => row.AADGroupID)
          .map((row) => ({ id: row.AADGroupID ?? '', name: row.AADGroupName ?? '' })),
      });
    },
    async setCollectionEndpointSecurity(collectionId, enabled) {
      return checkCollectionId(collectionId) ?? manualStep(enableCollectionSteps(collectionId, enabled));
    },
  };
}

/**
 * GUESS (configmgr-adminservice.md §5 and §10.2: the Flag bit is [U]): no mapping row means the option is off,
 * bit 1 of `Flag` means on, any other row leaves it unknown.
 */
export const ENDPOINT_SECURITY_SYNC_FLAG = 1;
export function endpointSecurityFromMappings(rows: readonly { Flag?: number | null }[]): true | false | 'unknown' {
  if (rows.length === 0) return false;
  return rows.some((row) => ((row.Flag ?? 0) & ENDPOINT_SECURITY_SYNC_FLAG) !== 0) ? true : 'unknown';
}

async function readTenantAttachState(wmi: WmiReader, transport: AdminServiceTransport) {
  const tenants = await wmi.list(
    '/wmi/SMS_AAD_Tenant_Ex',
    { $select: 'ID,Name,TenantID,Environment,SiteCode' },
    tenantRowSchema,
  );
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
  const environments = await wmi.list(
    '/wmi/SMS_AzureEnvironments',
    { $select: 'ID,EnvironmentName' },
    environmentRowSchema,
  );
  if (!environments.ok) return environments;
  const environment = environments.value.find((row) => row.ID === tenant.Environment)?.EnvironmentName;
  const attached = attachedFromTenantRow(tenant);
  const uploadScope =
    attached && tenant.TenantID ? await readUploadScope(transport, tenant.TenantID) : ({ kind: 'unknown' } as const);
  const allClientsCoManaged = attached ? await readAllClientsCoManaged(wmi) : undefined;
  return ok({
    attached,
    tenantId: tenant.TenantID,
    ...(tenant.Name ? { tenantName: tenant.Name } : {}),
    cloud: toCloudEnv(environment),
    uploadScope,
    ...(allClientsCoManaged === undefined ? {} : { allClientsCoManaged }),
    evidence: [
      `SMS_AAD_Tenant_Ex row for tenant ${tenant.TenantID}${environment ? ` in ${environment}` : ''}`,
      `upload scope from SMS_CoMgmtConfigs.GetTenantCollectionMapping: ${uploadScope.kind === 'collection' ? uploadScope.collectionId : uploadScope.kind}`,
    ],
  });
}

function toCloudEnv(name: string | undefined): CloudEnv {
  return name === 'AzurePublicCloud' || name === 'AzureUSGovernmentCloud' || name === 'AzureChinaCloud'
    ? name
    : 'Unknown';
}

function checkCollectionId(collectionId: string): Result<never> | undefined {
  return isCollectionId(collectionId)
    ? undefined
    : fail(
        gatewayError(
          'CollectionNotFound',
          `"${collectionId}" is not a ConfigMgr collection id (three site-code characters then five hex digits, e.g. PS100042)`,
        ),
      );
}

function notFound<T>(collectionId: string): Result<T> {
  return fail(gatewayError('CollectionNotFound', `collection ${collectionId} does not exist`));
}

function manualStep<T>(details: unknown): Result<T> {
  return fail(gatewayError('ManualStepRequired', 'this change can only be made in the ConfigMgr console', { details }));
}
