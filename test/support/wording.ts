// What a colleague would never write on a card: "(s)", a stored enum value, a count that disagrees with its noun.
import { INTUNE_REQUEST_STATUSES } from '../../core/ports/intune-approvals.js';
import { STEP_STATES } from '../../core/runs/run-record.js';

/** Nouns the cards count; a count before one must agree with it ("1 device", "2 devices"). */
const COUNTED = [
  'device',
  'collection',
  'approval',
  'policy',
  'request',
  'run',
  'entry',
  'step',
  'change',
  'member',
  'group',
  'assignment',
  'setting',
  'item',
  'page',
  'minute',
  'hour',
  'day',
];
const PLURAL: Record<string, string> = { policy: 'policies', entry: 'entries' };
const plural = (noun: string) => PLURAL[noun] ?? `${noun}s`;

/** Stored enum values a reader must never see as such: step states, Intune request statuses, Graph policy types. */
const RAW_ENUMS = [
  ...STEP_STATES.filter((state) => state.includes('-')),
  ...INTUNE_REQUEST_STATUSES.filter((status) => /[A-Z]/.test(status)),
  'configurationPolicy',
  'endpointSecurityPolicy',
  'compliancePolicy',
  'nonCompliant',
];

/** Every wording problem in one text: "(s)", a raw enum value, a count that disagrees with its noun. */
export function wordingProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.includes('(s)')) problems.push(`"(s)" in: ${text}`);
  for (const value of RAW_ENUMS)
    if (new RegExp(`(^|[^\\w-])${value}($|[^\\w-])`).test(text)) problems.push(`raw "${value}" in: ${text}`);
  for (const noun of COUNTED) {
    // One word may stand between the count and its noun ("1 synced collection"), never "of" ("1 of 2 devices").
    const between = '(?:(?!of )[a-z]+ )?';
    const one = new RegExp(`(^|[\\s(])1 ${between}${plural(noun)}\\b`);
    const many = new RegExp(`(^|[\\s(])(0|[2-9]|\\d{2,}|\\d{1,3}(,\\d{3})+)\\+? ${between}${noun}\\b(?!-)`);
    if (one.test(text)) problems.push(`"1 ${plural(noun)}" in: ${text}`);
    if (many.test(text)) problems.push(`a plural count with "${noun}" in: ${text}`);
  }
  return problems;
}
