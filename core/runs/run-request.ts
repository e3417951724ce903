import type { Actor } from '../actor.js';
import type { RunOwnership } from '../leases/run-ownership.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Clock } from '../ports/clock.js';
import type { IntuneWaitPolicy } from '../maa/intune-gate.js';
import type { IntuneApprovals } from '../ports/intune-approvals.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../ports/storage.js';
import type { RunRecord } from './run-record.js';
import type { StepHandler } from './step-handler.js';
import type { VerifyPolicy } from './verify-policy.js';

export interface RunRequest {
  readonly kind: string;
  readonly title: string;
  readonly requestedBy: Actor;
  readonly conversationId: string;
  /** Collections and policies the run works on; two live runs never share one. */
  readonly resources: readonly string[];
  readonly steps: readonly { readonly kind: string; readonly title: string; readonly input: Record<string, unknown> }[];
  /** A run this one replaces: its resource locks pass to the new run. */
  readonly replacesRun?: string;
}

/** Told after every change of a run, so the progress card can follow. */
export interface RunObserver {
  runChanged(run: RunRecord): void;
}

export interface RunEngineOptions {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly handlers: readonly StepHandler[];
  readonly verifyPolicy?: VerifyPolicy;
  /** Intune Multi Admin Approval, for steps whose write Intune holds; absent without a tenant. */
  readonly intuneApprovals?: IntuneApprovals;
  readonly intuneWaitPolicy?: IntuneWaitPolicy;
  readonly newRunId?: () => string;
  /** Which instance works on which run; one process owns them all by default. */
  readonly ownership?: RunOwnership;
  /** How long after an attempt starts a tenant write may still land: the upstream request timeout (GRAPH_TIMEOUT). */
  readonly writeSettleMs?: number;
}
