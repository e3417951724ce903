import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { RunRecord } from './run-record.js';

/** An audit entry about a run that is not part of a stored transition (Intune waits, settling a lost write's answer). */
export async function appendRunAudit(
  audit: AuditLog,
  actor: Actor,
  action: string,
  run: RunRecord,
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit.append({
    actor,
    action,
    target: run.id,
    conversationId: run.conversationId,
    details: { runKind: run.kind, ...details },
  });
}
