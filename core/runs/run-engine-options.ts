import type { Actor } from '../actor.js';
import type { RunAuditEvent } from './run-audit-outbox.js';
import type { RunRecord } from './run-record.js';
import type { RunKernelParts } from './run-kernel.js';
import type { StepHandler } from './step-handler.js';
import type { VerifyPolicy } from './verify-policy.js';
import type { WaitKind } from './wait-kind.js';

/** Everything the run engine is built from, in one call (bot/wiring/create-app-services.ts). */
export interface RunEngineOptions extends RunKernelParts {
  /** The step kinds (step-handler.ts). */
  readonly handlers: readonly StepHandler[];
  /** Wait kinds beyond console verification, which is always there (wait-kind.ts). */
  readonly waits?: readonly WaitKind[];
  readonly verifyPolicy?: VerifyPolicy;
  /** The justification every tenant write of a run carries (built from the approved request; see core/maa). */
  readonly justify?: (run: RunRecord) => Promise<string | undefined>;
  readonly newRunId?: () => string;
  /** How long after an attempt starts a tenant write may still land: the upstream request timeout (GRAPH_TIMEOUT). */
  readonly writeSettleMs?: number;
  /** How long after a 502/503/504 answer (without Retry-After) a write is read back (WRITE_SETTLE_AFTER_ANSWER). */
  readonly writeSettleAfterAnswerMs?: number;
  /**
   * A live run is being cancelled (under its lock, after its active wait withdrew): withdraw what its steps hold
   * outside the run (a pending approval request), and name the audit entries stored with the cancellation.
   */
  readonly onCancel?: (run: RunRecord, actor: Actor) => Promise<readonly RunAuditEvent[]>;
}
