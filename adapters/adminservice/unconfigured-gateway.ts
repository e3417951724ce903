import { fail, gatewayError } from '../../core/errors/gateway-error.js';
import type { ConfigMgrGateway } from '../../core/ports/configmgr-gateway.js';

/** Stands in when no AdminService is configured: every read says so, with the fix. */
export function createUnconfiguredGateway(): ConfigMgrGateway {
  const notConfigured = async () =>
    fail(
      gatewayError(
        'ProviderUnreachable',
        'No ConfigMgr AdminService is configured for AttachOps (set ADMINSERVICE_URL and its credentials).',
        {
          retryable: false,
        },
      ),
    );
  return {
    getSiteInfo: notConfigured,
    listUpdatePackages: notConfigured,
    getTenantAttachState: notConfigured,
    configureTenantAttach: notConfigured,
    setUploadScope: notConfigured,
    listCollections: notConfigured,
    countCollections: notConfigured,
    getCollection: notConfigured,
    listCollectionMembers: notConfigured,
    getCollectionCloudSync: notConfigured,
    listCollectionCloudSync: notConfigured,
    setCollectionEndpointSecurity: notConfigured,
  };
}
