import type { AuditSubjects } from '../audit/audit-subject.js';
import type { AuditEntry } from '../ports/audit-log.js';

/** Who and what the audit log can be filtered by: people who asked for or decided changes, and the policies changed. */
export interface AuditNames {
  readonly people: readonly string[];
  readonly policies: readonly string[];
}

/**
 * The names some audit entries carry or point at: their actors, and the requesters, approvers and policies of the runs
 * and approvals they name (each read by its id, side by side, once). Costs what the entries name, never the history.
 */
export async function auditNamesOfEntries(
  entries: readonly AuditEntry[],
  subjects: AuditSubjects,
  otherPeople: readonly string[] = [],
): Promise<AuditNames> {
  const found = await Promise.all(entries.map((entry) => subjects.of(entry).catch(() => undefined)));
  const people = [
    ...otherPeople,
    ...entries.map((entry) => entry.actor.name),
    ...found.flatMap((subject) => [
      ...(subject?.requestedBy === undefined ? [] : [subject.requestedBy]),
      ...(subject?.approvedBy ?? []),
    ]),
  ];
  const policies = found.flatMap((subject) => subject?.policies ?? []);
  return { people: uniqueNames(people), policies: uniqueNames(policies) };
}

function uniqueNames(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed !== '' && !byKey.has(trimmed.toLowerCase())) byKey.set(trimmed.toLowerCase(), trimmed);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}
