import type { Actor } from '../../../core/actor.js';
import type { AuditEntryInput } from '../../../core/ports/audit-log.js';
import type { Clock } from '../../../core/ports/clock.js';

export const alice: Actor = {
  aadObjectId: 'aad-alice',
  channelUserId: '29:alice',
  name: 'Alice',
  tenantId: 'tenant-1',
};

/** A clock that moves one second forward every time it is read. */
export function steppingClock(startIso = '2026-01-02T03:04:05.000Z'): Clock {
  let next = Date.parse(startIso);
  return {
    now: () => {
      const now = new Date(next);
      next += 1000;
      return now;
    },
    sleep: async () => {},
  };
}

export function entryInput(index: number, details: Record<string, unknown> = { index }): AuditEntryInput {
  return {
    actor: alice,
    action: index % 2 === 0 ? 'policy.assign' : 'approval.grant',
    target: `device-${index}`,
    conversationId: '19:conv@thread.v2',
    correlationId: `corr-${index}`,
    details,
  };
}
