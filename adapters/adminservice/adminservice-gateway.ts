import { fail, gatewayError, ok, type Result } from '../../core/errors/gateway-error.js';
import type { ConfigMgrGateway } from '../../core/ports/configmgr-gateway.js';
import { isNormalizedCollectionId } from '../../core/identity/collection-id.js';
import { odataLiteral } from './collection-id.js';
import { countCollections, listCollectionMembers, listCollections, toCollectionSummary } from './collection-queries.js';
import { configureTenantAttachSteps, enableCollectionSteps, setUploadScopeSteps } from './manual-steps.js';
import { readCloudSyncStates } from './cloud-sync-queries.js';
import { readTenantAttachState } from './tenant-attach-queries.js';
import { createWmiReader } from './wmi-reader.js';
import { collectionRowSchema } from './wmi-schemas.js';
import { readSiteInfo, readUpdatePackages } from './site-queries.js';
import type { AdminServiceTransport } from './transport.js';

export interface AdminServiceGatewayOptions {
  readonly transport: AdminServiceTransport;
  /** Which row of SMS_Site is "our" site when the provider lists several. */
  readonly siteCode?: string;
  /** Our Azure AD tenant, so the upload scope can be asked for it while the site's tenant row is still being read. */
  readonly expectedTenantId?: string;
}

/** The ConfigMgr gateway over the AdminService WMI route. It reports facts; readiness rules live in core. */
export function createAdminServiceGateway(options: AdminServiceGatewayOptions): ConfigMgrGateway {
  const wmi = createWmiReader(options.transport);
  return {
    getSiteInfo: () => readSiteInfo(wmi, options.siteCode),
    listUpdatePackages: () => readUpdatePackages(wmi),
    getTenantAttachState: () => readTenantAttachState(wmi, options.transport, options.expectedTenantId),
    configureTenantAttach: async () => manualStep(configureTenantAttachSteps),
    setUploadScope: async () => manualStep(setUploadScopeSteps),
    listCollections: async (query) =>
      query.ids?.map(checkCollectionId).find((invalid) => invalid !== undefined) ?? listCollections(wmi, query),
    countCollections: (query) => countCollections(wmi, query),
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
      const states = await readCloudSyncStates(wmi, [collectionId]);
      return states.ok
        ? ok(states.value[0] ?? { collectionId, endpointSecurityEnabled: false, aadGroups: [] })
        : states;
    },
    async listCollectionCloudSync(collectionIds) {
      for (const collectionId of collectionIds) {
        const invalid = checkCollectionId(collectionId);
        if (invalid) return invalid;
      }
      return collectionIds.length === 0 ? ok([]) : readCloudSyncStates(wmi, collectionIds);
    },
    async setCollectionEndpointSecurity(collectionId, enabled) {
      return checkCollectionId(collectionId) ?? manualStep(enableCollectionSteps(collectionId, enabled));
    },
  };
}

function checkCollectionId(collectionId: string): Result<never> | undefined {
  // checked before any id reaches a URL or filter (the rule, and why it is a guess: core/identity/collection-id.ts)
  return isNormalizedCollectionId(collectionId)
    ? undefined
    : fail(
        gatewayError(
          'CollectionNotFound',
          `"${collectionId}" is not a ConfigMgr collection id (eight letters and digits, e.g. PS100042)`,
        ),
      );
}

function notFound<T>(collectionId: string): Result<T> {
  return fail(gatewayError('CollectionNotFound', `collection ${collectionId} does not exist`));
}

function manualStep<T>(details: unknown): Result<T> {
  return fail(gatewayError('ManualStepRequired', 'this change can only be made in the ConfigMgr console', { details }));
}
