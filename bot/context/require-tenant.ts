import type { TenantServices } from '../../core/tenant-services.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';

export function requireTenant(services: AppServices): TenantServices {
  if (services.tenant) return services.tenant;
  throw new UserFacingError(
    'No tenant is configured',
    'This AttachOps has no Microsoft Graph app configured, so it cannot read or change a tenant.',
    'Set TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (see .env.example), or run `npm start` without them to use the sandbox tenant.',
  );
}
