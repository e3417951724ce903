import { z } from 'zod';
import type { AuditPageData } from '../../cards/views/audit-log-view.js';
import { auditNamesOfEntries } from '../../core/activity/audit-names.js';
import { nameMatches, type AuditPage } from '../../core/audit/audit-query.js';
import type { AuditSubjects } from '../../core/audit/audit-subject.js';
import { parseSinceDuration } from '../../core/audit/since-duration.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';
import { KnownUsers } from '../conversations/known-users.js';
import { defineCommand } from '../context/command-context.js';
import { auditLogCardOf, auditSubjectsOf, readAuditLogPage } from '../replies/audit-log-card.js';
import { closestNames } from '../replies/suggest.js';

/**
 * When a filtered page comes back empty, the names of this many newest entries (their actors, and the requesters,
 * approvers and policies of what they name) say whether the name is a typo: a bounded read, whatever the history holds.
 */
const RECENT_ENTRIES_NAMED = 500;

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
    const now = services.clock.now();
    const position: AuditPageData = {
      page: 1,
      back: [],
      ...(user ? { user } : {}),
      ...(policy ? { policy } : {}),
      ...(duration ? { sinceMs: now.getTime() - duration.ms, sinceWords: duration.words } : {}),
      ...(steps ? { steps: true } : {}),
    };
    const subjects = auditSubjectsOf(services);
    const page = await readAuditLogPage(services, position, subjects);
    if (mayBeATypo(page, user, policy)) {
      await refuseUnknownNames(services, subjects, user, page.searchedBackTo === undefined ? policy : undefined);
    }
    return auditLogCardOf(services, page, position);
  },
});

/**
 * A page that shows something proves its names. An empty one is checked against the people the bot knows and the
 * names of the newest entries; a policy only when the search reached the start of the log (or `--since`), as an empty
 * page cut short by the search limit proves nothing about a policy named further back.
 */
function mayBeATypo(page: AuditPage, user?: string, policy?: string): boolean {
  if (page.rows.length > 0) return false;
  return user !== undefined || (policy !== undefined && page.searchedBackTo === undefined);
}

async function refuseUnknownNames(
  services: AppServices,
  subjects: AuditSubjects,
  user?: string,
  policy?: string,
): Promise<void> {
  const [knownUsers, recent] = await Promise.all([
    new KnownUsers(services.storage).all(),
    services.audit.readNewestFirst({ limit: RECENT_ENTRIES_NAMED }),
  ]);
  const names = await auditNamesOfEntries(
    recent.map(({ entry }) => entry),
    subjects,
    knownUsers.map((known) => known.name),
  );
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
