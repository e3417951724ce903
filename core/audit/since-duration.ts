const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const UNIT_WORDS = { m: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'] } as const;
type Unit = keyof typeof UNIT_MS;

/** Ten years: further back than any audit log this bot has written. */
export const MAX_SINCE_MS = 3650 * UNIT_MS.d;

export type SinceDuration =
  { readonly ok: true; readonly ms: number; readonly words: string } | { readonly ok: false; readonly problem: string };

const DURATION = /^(\d{1,7})([mhd])$/;

/** `7d`, `24h`, `30m` (case-insensitive): how far back `audit --since` looks; anything else is named and explained. */
export function parseSinceDuration(typed: string): SinceDuration {
  const text = typed.trim().toLowerCase();
  const match = DURATION.exec(text);
  const unit = match?.[2] as Unit | undefined;
  if (!match || unit === undefined) return { ok: false, problem: explain(typed.trim()) };
  const amount = Number(match[1]);
  if (amount === 0) return { ok: false, problem: `"${typed.trim()}" is no time at all: give at least 1, like 30m` };
  const ms = amount * UNIT_MS[unit];
  if (ms > MAX_SINCE_MS) return { ok: false, problem: `"${typed.trim()}" is more than ten years: use at most 3650d` };
  return { ok: true, ms, words: `${amount} ${UNIT_WORDS[unit][amount === 1 ? 0 : 1]}` };
}

const SPELLED_UNITS: readonly [RegExp, Unit | 'w'][] = [
  [/^(?:m|mins?|minutes?)$/, 'm'],
  [/^(?:h|hrs?|hours?)$/, 'h'],
  [/^(?:d|days?)$/, 'd'],
  [/^(?:w|wks?|weeks?)$/, 'w'],
];

function explain(typed: string): string {
  const example = 'a whole number and a unit: 30m (minutes), 24h (hours) or 7d (days)';
  if (typed === '') return `needs ${example}`;
  const spelled = /^(\d{1,7})\s*([a-z]+)$/i.exec(typed);
  const amount = Number(spelled?.[1] ?? Number.NaN);
  const unit = SPELLED_UNITS.find(([pattern]) => pattern.test(spelled?.[2]?.toLowerCase() ?? ''))?.[1];
  if (unit === 'w') return `"${typed}" is in weeks, which --since does not take: write ${amount * 7}d`;
  if (unit !== undefined) return `"${typed}" is not written the short way: write ${amount}${unit}`;
  if (/^\d+$/.test(typed)) return `"${typed}" has no unit: write ${example}, like ${typed}d`;
  return `"${typed}" is not a duration: write ${example}`;
}
