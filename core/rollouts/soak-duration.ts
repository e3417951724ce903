import { UserFacingError } from '../user-facing-error.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

export const DEFAULT_SOAK = '24h';
/** A soak longer than 90 days is a typo, not a rollout. */
const MAX_SOAK_MS = 90 * UNIT_MS.d;

/** `--soak 24h`, `30m`, `3d`: the least time between a ring's assignment and its gate. */
export function parseSoak(typed: string): number {
  const text = typed.trim().toLowerCase();
  const match = /^(\d{1,6})([mhd])$/.exec(text);
  const unit = match?.[2] as Unit | undefined;
  if (!match || unit === undefined) {
    throw new UserFacingError(
      'A soak I cannot read',
      `"${typed.trim()}" is not a duration.`,
      'Write a whole number and a unit: 30m (minutes), 24h (hours) or 3d (days).',
    );
  }
  const ms = Number(match[1]) * UNIT_MS[unit];
  if (ms > MAX_SOAK_MS) {
    throw new UserFacingError(
      'A soak over 90 days',
      `"${text}" is longer than any rollout should wait.`,
      'Use at most 90d.',
    );
  }
  return ms;
}

/** "24 hours", "30 minutes", "3 days". */
export function soakWords(ms: number): string {
  const [unit, size] =
    ms % UNIT_MS.d === 0 && ms > 0
      ? ['day', UNIT_MS.d]
      : ms % UNIT_MS.h === 0 && ms > 0
        ? ['hour', UNIT_MS.h]
        : ['minute', UNIT_MS.m];
  const amount = Math.round(ms / size);
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
