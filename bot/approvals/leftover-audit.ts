import type { ApprovalService } from '../../core/approvals/approval-service.js';
import { LEFTOVER_AUDIT_AGE_MS } from '../../core/approvals/audited-approval-store.js';
import type { Logger } from '../../core/ports/logger.js';

export interface LeftoverAuditTask {
  /** Cancels the task if it has not started; waits for it if it has. */
  stop(): Promise<void>;
}

/**
 * Once, when entries staged before this start are old enough to be a dead process's leftovers: appends the approval
 * audit entries a killed process stored but never appended, on requests nobody reads again (runs append theirs when
 * they resume).
 */
export function appendLeftoverAuditLater(
  approvals: Pick<ApprovalService, 'appendLeftoverAudit'>,
  log: Logger,
  delayMs = LEFTOVER_AUDIT_AGE_MS + 1_000,
): LeftoverAuditTask {
  let running: Promise<void> = Promise.resolve();
  const timer = setTimeout(() => {
    running = approvals.appendLeftoverAudit().then(
      (count) => {
        if (count > 0) log.info({ requests: count }, 'appended approval audit entries a stopped process left staged');
      },
      (error: unknown) => log.warn({ err: error }, 'could not append leftover approval audit entries'),
    );
  }, delayMs);
  timer.unref();
  return {
    async stop() {
      clearTimeout(timer);
      await running;
    },
  };
}
