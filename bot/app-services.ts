import type { AccessControl } from '../core/access/access-control.js';
import type { Membership } from '../core/access/membership.js';
import type { ApprovalService } from '../core/approvals/approval-service.js';
import type { Planner } from '../core/approvals/change-plan.js';
import type { AuditLog } from '../core/ports/audit-log.js';
import type { Clock } from '../core/ports/clock.js';
import type { Storage } from '../core/ports/storage.js';
import type { RolloutPauses } from '../core/rollouts/rollout-pauses.js';
import type { RunEngine } from '../core/runs/run-engine.js';
import type { TenantServices } from '../core/tenant-services.js';
import type { AccessConfig } from './config/config.js';

/** The core services commands and card verbs run against; built once in the composition root. */
export interface AppServices {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly runs: RunEngine;
  readonly approvals: ApprovalService;
  readonly planners: readonly Planner[];
  readonly membership: Membership;
  readonly accessControl: AccessControl;
  readonly access: AccessConfig;
  /** Absent when no tenant is configured: commands that need one say so. */
  readonly tenant?: TenantServices;
  /** `rollout pause` / `resume`: shared by every instance, read by the rollout gate. */
  readonly rolloutPauses: RolloutPauses;
}
