import { UserFacingError } from '../user-facing-error.js';

export interface TypedRing {
  readonly name: string;
  readonly to: readonly string[];
}

/** `--ring "pilot=PS100042,SG-Pilot"`: a ring's name, then its targets as `assign --to` takes them. */
export function parseRing(typed: string): TypedRing {
  const equals = typed.indexOf('=');
  const name = equals < 0 ? '' : typed.slice(0, equals).trim();
  const to = (equals < 0 ? '' : typed.slice(equals + 1))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (name === '' || to.length === 0) {
    throw new UserFacingError(
      'A ring I cannot read',
      `"${typed.trim()}" is not a ring: a ring is a name, =, and its collections or groups.`,
      'Write --ring "pilot=PS100042" or --ring "broad=SG-All-Workstations,PS100013".',
    );
  }
  if (name.length > 64) {
    throw new UserFacingError(
      'A ring name over 64 characters',
      `"${name.slice(0, 64)}…" is too long.`,
      'Use a short name, like pilot.',
    );
  }
  return { name, to };
}

/** Ring names are unique (case-insensitively): the cards and the audit name rings by them. */
export function refuseDuplicateRings(rings: readonly TypedRing[]): void {
  const seen = new Set<string>();
  for (const ring of rings) {
    const key = ring.name.toLowerCase();
    if (seen.has(key)) {
      throw new UserFacingError(
        'Two rings with one name',
        `Two rings are called "${ring.name}".`,
        'Give each ring its own name.',
      );
    }
    seen.add(key);
  }
}
