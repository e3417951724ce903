import { AccessControl } from '../../core/access/access-control.js';
import { emptyDirectory } from '../../core/access/empty-directory.js';
import { Membership } from '../../core/access/membership.js';
import { ApprovalRecords } from '../../core/approvals/approval-records.js';
import { createDriftPlanners, createDriftStepHandlers } from '../../core/drift/drift-services.js';
import { approvalStep } from '../../core/approvals/approval-step.js';
import { ApprovalService } from '../../core/approvals/approval-service.js';
import type { Planner } from '../../core/approvals/change-plan.js';
import { planRecheckStep } from '../../core/approvals/plan-recheck-step.js';
import { DEFAULT_INTUNE_WAIT_POLICY, type IntuneWaitPolicy } from '../../core/maa/intune-gate.js';
import { intuneApprovalWait } from '../../core/maa/intune-approval-wait.js';
import { createWriteJustifier } from '../../core/maa/write-justifier.js';
import type { AuditLog } from '../../core/ports/audit-log.js';
import type { Clock } from '../../core/ports/clock.js';
import type { RunOwnership } from '../../core/leases/run-ownership.js';
import type { Logger } from '../../core/ports/logger.js';
import type { RunTracing } from '../../core/ports/run-tracing.js';
import type { Storage } from '../../core/ports/storage.js';
import { cancelEffects } from '../../core/rollouts/cancel-effects.js';
import { rolloutAdvanceStep } from '../../core/rollouts/rollout-advance-step.js';
import { rolloutCompleteStep } from '../../core/rollouts/rollout-complete-step.js';
import { rolloutHoldWait } from '../../core/rollouts/rollout-hold-wait.js';
import {
  DEFAULT_ROLLOUT_CHECK_INTERVAL_MS,
  rolloutGateStep,
  rolloutGateWait,
} from '../../core/rollouts/rollout-gate-wait.js';
import { RolloutPauses } from '../../core/rollouts/rollout-pauses.js';
import { RunEngine } from '../../core/runs/run-engine.js';
import type { VerifyPolicy } from '../../core/runs/verify-policy.js';
import type { TenantServices } from '../../core/tenant-services.js';
import type { AppServices } from '../app-services.js';
import type { AccessConfig } from '../config/config.js';
import { planners as tenantPlanners, stepHandlers } from './step-handlers.js';

export interface ServiceParts {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly access: AccessConfig;
  readonly tenant?: TenantServices;
  readonly verifyPolicy?: VerifyPolicy;
  /** Run ids are random short ids; tests pass a counter to name runs predictably. */
  readonly newRunId?: () => string;
  /** Which instance works on which run; one process owns them all by default. */
  readonly ownership?: RunOwnership;
  /** GRAPH_TIMEOUT: how long after an attempt starts a tenant write may still land. */
  readonly writeSettleMs?: number;
  /** WRITE_SETTLE_AFTER_ANSWER: how soon a write answered 502/503/504 is read back. */
  readonly writeSettleAfterAnswerMs?: number;
  readonly intuneWaitPolicy?: IntuneWaitPolicy;
  /** ROLLOUT_CHECK_INTERVAL: the rollout gate's backoff cap. */
  readonly rolloutCheckIntervalMs?: number;
  /** Run and step spans, runs and waits counted: OpenTelemetry when on (bot/telemetry/), none by default. */
  readonly tracing?: RunTracing;
}

/** Core services over the given storage, audit log and tenant ports. */
export function createAppServices(parts: ServiceParts): AppServices {
  const membership = new Membership(
    parts.tenant?.directory ?? emptyDirectory,
    parts.clock,
    parts.access.membershipCacheMs,
  );
  const planners: readonly Planner[] = parts.tenant
    ? [...tenantPlanners(parts.tenant), ...createDriftPlanners(parts.tenant, parts.storage)]
    : [];
  const settings = {
    approvers: parts.access.approvers,
    quorum: parts.access.quorum,
    ttlMs: parts.access.approvalTtlMs,
  };
  const rolloutPauses = new RolloutPauses(parts.storage, parts.clock);
  const records = new ApprovalRecords({ ...parts, log: parts.log.child({ component: 'approvals' }), settings });
  const rolloutCheckIntervalMs = parts.rolloutCheckIntervalMs ?? DEFAULT_ROLLOUT_CHECK_INTERVAL_MS;
  const runs = new RunEngine({
    storage: parts.storage,
    audit: parts.audit,
    clock: parts.clock,
    log: parts.log.child({ component: 'runs' }),
    handlers: [
      ...stepHandlers(parts.tenant),
      ...createDriftStepHandlers(parts.tenant, parts.storage),
      approvalStep(records),
      planRecheckStep(records, planners),
      rolloutGateStep(),
      rolloutAdvanceStep(records, rolloutPauses),
      rolloutCompleteStep(),
    ],
    waits: [
      intuneApprovalWait({
        approvals: parts.tenant?.intuneApprovals,
        policy: parts.intuneWaitPolicy ?? DEFAULT_INTUNE_WAIT_POLICY,
        log: parts.log.child({ component: 'intune-maa' }),
      }),
      rolloutGateWait({
        tenant: parts.tenant,
        log: parts.log.child({ component: 'rollouts' }),
        checkIntervalMs: rolloutCheckIntervalMs,
        pauses: rolloutPauses,
      }),
      rolloutHoldWait({ pauses: rolloutPauses, checkIntervalMs: rolloutCheckIntervalMs }),
    ],
    onCancel: cancelEffects(records, () => parts.clock.now()),
    justify: createWriteJustifier(records),
    verifyPolicy: parts.verifyPolicy,
    newRunId: parts.newRunId,
    ownership: parts.ownership,
    tracing: parts.tracing,
    writeSettleMs: parts.writeSettleMs,
    writeSettleAfterAnswerMs: parts.writeSettleAfterAnswerMs,
  });
  const approvals = new ApprovalService({
    records,
    audit: parts.audit,
    clock: parts.clock,
    log: parts.log.child({ component: 'approvals' }),
    runs,
    membership,
    settings,
  });
  const accessControl = new AccessControl(
    membership,
    {
      reader: parts.access.readers,
      operator: parts.access.operators,
      approver: parts.access.approvers,
      admin: parts.access.admins,
    },
    parts.audit,
  );
  return {
    storage: parts.storage,
    audit: parts.audit,
    clock: parts.clock,
    runs,
    approvals,
    planners,
    membership,
    accessControl,
    access: parts.access,
    tenant: parts.tenant,
    rolloutPauses,
  };
}
