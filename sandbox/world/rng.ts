import { createHash } from 'node:crypto';

/** Deterministic 32-bit hash of the parts, as a fraction in [0, 1). */
export function unitHash(...parts: ReadonlyArray<string | number>): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

export function intHash(modulo: number, ...parts: ReadonlyArray<string | number>): number {
  return Math.floor(unitHash(...parts) * modulo);
}

/** A GUID derived from the parts, stable across runs. */
export function stableGuid(...parts: ReadonlyArray<string | number>): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function shuffled<T>(items: readonly T[], ...seedParts: ReadonlyArray<string | number>): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = intHash(i + 1, ...seedParts, i);
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
