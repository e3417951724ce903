import { z } from 'zod';
import { auditNamesOf } from '../../core/activity/audit-names.js';
import { nameMatches } from '../../core/audit/audit-query.js';
import { parseSinceDuration } from '../../core/audit/since-duration.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';
import { KnownUsers } from '../conversations/known-users.js';
import { defineCommand } from '../context/command-context.js';
import { auditLogCard } from '../replies/audit-log-card.js';
import { closestNames } from '../replies/suggest.js';

/** Recent actors count as known people too: someone refused at the door is in the log but in no run. */
const RECENT_ACTORS_READ = 500;

const since = z
  .string()
  .transform((typed, context) => {
    const parsed = parseSinceDuration(typed);
    if (!parsed.ok) {
      context.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }
    return parsed;
  })
  .optional();

export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'Shows who did what: changes asked for, approved, rejected, run and refused, newest first.',
  usage: 'audit [--user <name>] [--policy <name>] [--since <7d | 24h | 30m>] [--steps]',
  examples: [
    'audit',
    'audit --since 7d',
    'audit --user "Megan Bowen" --since 24h',
    'audit --policy "EDR Servers"',
    'audit --steps',
  ],
  positionals: [],
  args: z.object({
    user: z.string().trim().min(1).max(200).optional(),
    policy: z.string().trim().min(1).max(256).optional(),
    since,
    /** Each run's step bookkeeping too (left out by default: the run's own entries say how it went). */
    steps: z.boolean().optional(),
  }),
  changesTenant: false,
  role: 'reader',
  async run({ user, policy, since: duration, steps }, { services }) {
    await refuseUnknownNames(services, user, policy);
    const now = services.clock.now();
    return auditLogCard(services, {
      page: 1,
      back: [],
      ...(user ? { user } : {}),
      ...(policy ? { policy } : {}),
      ...(duration ? { sinceMs: now.getTime() - duration.ms, sinceWords: duration.words } : {}),
      ...(steps ? { steps: true } : {}),
    });
  },
});

async function refuseUnknownNames(services: AppServices, user?: string, policy?: string): Promise<void> {
  if (user === undefined && policy === undefined) return;
  const [runs, approvals, knownUsers, recent] = await Promise.all([
    services.runs.list(),
    services.approvals.store.list(),
    new KnownUsers(services.storage).all(),
    services.audit.readNewestFirst({ limit: RECENT_ACTORS_READ }),
  ]);
  const names = auditNamesOf(runs, approvals, [
    ...knownUsers.map((known) => known.name),
    ...recent.map(({ entry }) => entry.actor.name),
  ]);
  if (user !== undefined && !names.people.some((person) => nameMatches(person, user))) {
    throw unknownName('person', user, '--user', closestNames(user, names.people));
  }
  if (policy !== undefined && !names.policies.some((known) => known.toLowerCase() === policy.toLowerCase())) {
    throw unknownName('policy', policy, '--policy', closestNames(policy, names.policies));
  }
}

function unknownName(what: 'person' | 'policy', typed: string, flag: string, suggestions: readonly string[]): Error {
  const nobody =
    what === 'person'
      ? 'Nobody by that name has asked for, decided or been refused anything that the audit log records.'
      : 'No change that AttachOps made or was asked to make names that policy.';
  const best = suggestions[0];
  return new UserFacingError(
    what === 'person' ? `I don't know anyone called "${typed}"` : `I don't know a policy called "${typed}"`,
    best ? `${nobody} Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : nobody,
    best
      ? `Type audit ${flag} "${best}", or leave ${flag} out to see everything.`
      : `Check the spelling (quote names with spaces), or leave ${flag} out to see everything.`,
  );
}
