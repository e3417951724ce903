import type { Router } from '../http/router.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { registerAuditEventRoutes } from './audit-event-routes.js';
import { registerBatchRoute } from './batch-route.js';
import { registerDeviceManagementRoutes } from './device-management-routes.js';
import { registerDirectoryRoutes } from './directory-routes.js';
import { registerRoleEligibilityRoutes } from './role-eligibility-routes.js';
import { registerMaaRoutes } from './maa-routes.js';
import type { GraphContext } from './graph-context.js';
import { registerPolicyRoutes } from './policy-routes.js';
import { registerReportRoutes } from './report-routes.js';

export function registerGraphRoutes(router: Router, ctx: GraphContext, state: SandboxState): void {
  registerBatchRoute(router, ctx, state);
  registerDirectoryRoutes(router, ctx);
  registerRoleEligibilityRoutes(router, ctx);
  registerDeviceManagementRoutes(router, ctx);
  registerPolicyRoutes(router, ctx);
  registerAuditEventRoutes(router, ctx);
  registerMaaRoutes(router, ctx);
  registerReportRoutes(router, ctx);
}
