import type { ApprovalRecord } from '../approvals/approval-record.js';
import type { RunRecord } from '../runs/run-record.js';
import { subjectOfApproval, subjectOfRun } from './audit-subjects.js';

/** Who and what the audit log can be filtered by: people who asked for or decided changes, and the policies changed. */
export interface AuditNames {
  readonly people: readonly string[];
  readonly policies: readonly string[];
}

export function auditNamesOf(
  runs: readonly RunRecord[],
  approvals: readonly ApprovalRecord[],
  otherPeople: readonly string[] = [],
): AuditNames {
  const people = [
    ...otherPeople,
    ...runs.map((run) => run.requestedBy.name),
    ...approvals.flatMap((approval) => [
      approval.requestedBy.name,
      ...approval.approvals.map((vote) => vote.by.name),
      ...(approval.decision ? [approval.decision.by.name] : []),
    ]),
  ];
  const policies = [
    ...runs.flatMap((run) => subjectOfRun(run, undefined).policies),
    ...approvals.flatMap((approval) => subjectOfApproval(approval, undefined).policies),
  ];
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
