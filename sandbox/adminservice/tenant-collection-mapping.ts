import { SANDBOX_TENANT_ID } from '../constants.js';
import type { World } from '../world/world.js';

/**
 * `POST /AdminService/wmi/SMS_CoMgmtConfigs.GetTenantCollectionMapping {"TenantID": "..."}`.
 * The method exists in the 2002 model but its output shape is inferred ([I], configmgr-adminservice.md §4 and §10.1):
 * `CollectionSiteID` is the upload-scope collection, empty for "all devices" or when there is no mapping.
 * Keep every guess about this shape in this module.
 */
export function tenantCollectionMapping(
  world: World,
  origin: string,
  tenantId: unknown,
): { status: number; body: unknown } {
  if (typeof tenantId !== 'string' || tenantId.toLowerCase() !== SANDBOX_TENANT_ID) {
    return { status: 400, body: { error: { code: '400', message: 'Invalid TenantID' } } };
  }
  const scoped = world.cloud.attached && world.cloud.uploadScope !== 'all' ? world.cloud.uploadScope : '';
  return {
    status: 200,
    body: {
      '@odata.context': `${origin}/AdminService/wmi/$metadata#SMS_CoMgmtConfigs.GetTenantCollectionMapping`,
      ReturnValue: 0,
      CollectionSiteID: scoped,
    },
  };
}
