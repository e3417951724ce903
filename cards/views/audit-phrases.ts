/** What an audit action means, in words: what the person did (before the subject) and how it ended. */
export interface AuditPhrase {
  readonly did: string;
  readonly outcome: string;
}

const PHRASES: Readonly<Record<string, AuditPhrase>> = {
  'run.started': { did: 'started', outcome: 'started' },
  'run.done': { did: 'finished', outcome: 'done' },
  'run.failed': { did: 'could not finish', outcome: 'failed' },
  'run.cancelled': { did: 'cancelled', outcome: 'cancelled' },
  'run.retried': { did: 'retried', outcome: 'retried' },
  'step.done': { did: 'completed a step of', outcome: 'step done' },
  'step.skipped': { did: 'skipped a step of', outcome: 'step not needed' },
  'step.failed': { did: 'hit a failing step in', outcome: 'step failed' },
  'step.waiting-for-admin': { did: 'waits for an admin to act on a step of', outcome: 'waiting for an admin' },
  'step.waiting-for-approval': { did: 'waits for approval of a step of', outcome: 'waiting for approval' },
  'step.verified': { did: 'confirmed a step of', outcome: 'verified' },
  'step.verification-timed-out': { did: 'stopped waiting to confirm a step of', outcome: 'not confirmed in time' },
  'step.outcome-unknown': { did: 'could not tell whether a change landed in', outcome: 'outcome unknown' },
  'approval.requested': { did: 'asked for approval of', outcome: 'waiting for approval' },
  'approval.approved': { did: 'approved', outcome: 'approved' },
  'approval.vote': { did: 'approved (more approvals needed)', outcome: 'approval counted' },
  'approval.rejected': { did: 'rejected', outcome: 'rejected' },
  'approval.cancelled': { did: 'withdrew', outcome: 'cancelled' },
  'approval.expired': { did: 'let expire', outcome: 'expired' },
  'approval.replanned': { did: 're-planned', outcome: 'replaced by a new plan' },
  'approval.refused': { did: 'was not allowed to decide', outcome: 'refused' },
  'access.refused': { did: 'was refused', outcome: 'refused' },
  'access.changed': { did: 'had their roles changed', outcome: 'roles changed' },
  'access.tenant-refused': { did: 'was refused (another organization)', outcome: 'refused' },
  'intune.held': {
    did: 'was held by Intune for a second Intune administrator on',
    outcome: 'waiting for Intune approval',
  },
  'intune.rejoined': {
    did: 'joined the request Intune already holds for a second Intune administrator on',
    outcome: 'waiting for Intune approval',
  },
  'intune.approved': { did: 'approved in Intune', outcome: 'approved in Intune' },
  'intune.rejected': { did: 'rejected in Intune', outcome: 'rejected in Intune' },
  'intune.cancelled': { did: 'cancelled in Intune', outcome: 'cancelled in Intune' },
  'intune.expired': { did: 'let expire in Intune', outcome: 'expired in Intune' },
  'intune.completed': { did: 'completed in Intune', outcome: 'done in Intune' },
  'intune.withdrawn': { did: 'withdrew the Intune request for', outcome: 'withdrawn' },
  'intune.resent': { did: 'resent to Intune', outcome: 'resent' },
  'intune.resend-failed': { did: 'could not resend to Intune', outcome: 'resend failed' },
  'drift.detected': { did: 'found changes made outside AttachOps to', outcome: 'drift found' },
  'drift.reverted': { did: 'put back the approved baseline of', outcome: 'reverted' },
  'drift.recreated': { did: 'recreated the deleted', outcome: 'recreated' },
  'drift.accepted': { did: 'took the current state as the baseline of', outcome: 'accepted as baseline' },
  'drift.watched': { did: 'started watching', outcome: 'watched' },
  'drift.unwatched': { did: 'stopped watching', outcome: 'no longer watched' },
  'rollout.ring-assigned': { did: 'assigned a ring of', outcome: 'ring assigned' },
  'rollout.soak-started': { did: 'started the soak of a ring of', outcome: 'soaking' },
  'rollout.ring-passed': { did: 'saw a ring pass its gate in', outcome: 'ring healthy' },
  'rollout.halted': { did: 'halted, a ring missing its gate,', outcome: 'halted' },
  'rollout.advance-requested': { did: 'asked to advance, past its halt,', outcome: 'advance requested' },
  'rollout.advance-approved': { did: 'approved the next ring of', outcome: 'next ring approved' },
  'rollout.paused': { did: 'paused', outcome: 'paused' },
  'rollout.resumed': { did: 'resumed', outcome: 'resumed' },
  'rollout.cancelled': { did: 'cancelled', outcome: 'cancelled' },
  'rollout.rollback-requested': { did: 'asked to roll back a ring of', outcome: 'roll back requested' },
};

/**
 * What AttachOps itself does once a change is under way (after its approval, or as the requester's run): credited to
 * AttachOps, with the person it acts for, never to the person whose click happened to move the run.
 */
const BOT_ACTIONS = new Set([
  'run.done',
  'run.failed',
  'intune.held',
  'intune.rejoined',
  'intune.completed',
  'intune.resent',
  'intune.resend-failed',
  'drift.detected',
  'drift.reverted',
  'drift.recreated',
  'drift.accepted',
  'drift.watched',
  'drift.unwatched',
  'rollout.ring-assigned',
  'rollout.soak-started',
  'rollout.ring-passed',
  'rollout.halted',
]);

/** Who an entry is credited to: the person, or "AttachOps, approved by Megan Bowen" for what the bot did. */
export function creditOf(
  entry: { readonly action: string; readonly actor: { readonly name: string } },
  subject?: { readonly requestedBy?: string; readonly approvedBy?: readonly string[] },
): string {
  if (!BOT_ACTIONS.has(entry.action) && !entry.action.startsWith('step.')) return entry.actor.name;
  const approvers = subject?.approvedBy ?? [];
  if (approvers.length > 0) return `${BOT_NAME}, approved by ${listed(approvers)},`;
  const asker = subject?.requestedBy ?? (entry.actor.name === BOT_NAME ? undefined : entry.actor.name);
  return asker ? `${BOT_NAME}, asked by ${asker},` : BOT_NAME;
}

const BOT_NAME = 'AttachOps';

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Known actions by their phrase; any other reads as its own words (`policy.renamed` → `policy renamed`). */
export function phraseOf(action: string): AuditPhrase {
  const known = PHRASES[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, ' ').trim();
  return { did: `recorded "${words}"`, outcome: words };
}

export function isKnownAuditAction(action: string): boolean {
  return Object.hasOwn(PHRASES, action);
}
