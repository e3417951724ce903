import type { AuditBreak, AuditVerification } from '../../core/audit/verify-audit-log.js';
import { formatMoment } from '../time-format.js';

export interface AuditVerifyView {
  readonly title: string;
  readonly intact: boolean;
  readonly message: string;
  readonly fix: string;
  readonly details: readonly string[];
}

export function toAuditVerifyView(verdict: AuditVerification, now: Date): AuditVerifyView {
  if (verdict.intact) {
    const count = verdict.count.toLocaleString('en-US');
    return {
      title: 'The audit log is intact',
      intact: true,
      message:
        verdict.count === 0
          ? 'The audit log has no entries yet, so there is nothing that could have been changed.'
          : `All ${count} ${verdict.count === 1 ? 'entry chains' : 'entries chain'} correctly, from the first to the last (written ${formatMoment(verdict.last?.at ?? '', now)}): none was changed, removed, reordered or inserted.`,
      fix: '',
      details: verdict.last ? [`entries: ${verdict.count}`, `last: #${verdict.last.seq} at ${verdict.last.at}`] : [],
    };
  }
  const { problem } = verdict;
  return {
    title: `The audit log breaks at entry ${problem.entryNumber}`,
    intact: false,
    message: [describeBreak(problem, now), goodPart(problem, now)].join(' '),
    fix: 'Compare the log with a backup from before that time to see what was altered; new entries are still added after the break, and nothing here repairs it.',
    details: [
      `problem: ${problem.kind}`,
      `where: ${problem.where}`,
      `entry number: ${problem.entryNumber}`,
      ...(problem.foundNumber !== undefined ? [`found entry number: ${problem.foundNumber}`] : []),
      ...(problem.at !== undefined ? [`written at: ${problem.at}`] : []),
      `entries checked before it: ${verdict.checked}`,
    ],
  };
}

function describeBreak(problem: AuditBreak, now: Date): string {
  const n = problem.entryNumber;
  const written = problem.at !== undefined ? ` (written ${formatMoment(problem.at, now)})` : '';
  switch (problem.kind) {
    case 'unreadable':
      return `Entry ${n} cannot be read: the record where it should be is not an audit entry (it was damaged or edited by hand).`;
    case 'changed':
      return `Entry ${n}${written} was changed after it was written: its content no longer matches its fingerprint.`;
    case 'broken-link':
      return `Entry ${n}${written} does not follow on from entry ${n - 1}: entry ${n - 1} was replaced, or changed and given a new fingerprint.`;
    case 'missing':
      return problem.lastMissing !== undefined && problem.lastMissing > n
        ? `Entries ${n} to ${problem.lastMissing} are missing: the log goes from entry ${n - 1} straight to entry ${problem.lastMissing + 1}.`
        : `Entry ${n} is missing: the log goes from entry ${n - 1} straight to entry ${n + 1}.`;
    case 'out-of-order':
      return `Entry ${n} is not where it belongs: entry ${problem.foundNumber ?? '?'}${written} stands in its place, so the entries were reordered or one was inserted.`;
    case 'duplicate':
      return `Entry ${n} appears twice${written}: one of the two copies was inserted.`;
    case 'cut-short':
      return `The log ends at entry ${n - 1}, but this bot has written up to entry ${problem.lastMissing ?? n}: the last entries were removed.`;
  }
}

function goodPart(problem: AuditBreak, now: Date): string {
  if (problem.lastGood === undefined) return 'No entry before it checks out.';
  const { seq, at } = problem.lastGood;
  return seq === 1
    ? `Entry 1 before it checks out (written ${formatMoment(at, now)}).`
    : `Entries 1 to ${seq} before it check out; the last of them was written ${formatMoment(at, now)}.`;
}
