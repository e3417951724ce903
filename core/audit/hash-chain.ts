import { createHash } from 'node:crypto';
import type { AuditEntry } from '../ports/audit-log.js';
import { canonicalJson } from './canonical-json.js';

/** The prevHash of the first entry of every chain. */
export const GENESIS_PREV_HASH = '0'.repeat(64);
export const FIRST_SEQ = 1;

/** Everything an entry records except the links of the chain. */
export type AuditEntryBody = Omit<AuditEntry, 'prevHash' | 'hash'>;

export interface ChainPosition {
  readonly seq: number;
  readonly prevHash: string;
}

export const CHAIN_START: ChainPosition = { seq: FIRST_SEQ, prevHash: GENESIS_PREV_HASH };

export type ChainVerdict =
  { readonly ok: true } | { readonly ok: false; readonly seq: number; readonly reason: string };

export function hashEntry(prevHash: string, body: AuditEntryBody): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(body)).digest('hex');
}

export function bodyOf(entry: AuditEntry): AuditEntryBody {
  const { prevHash: _prevHash, hash: _hash, ...body } = entry;
  return body;
}

/** Checks a run of consecutive entries; `start` says where the run begins (the whole log by default). */
export function verifyChain(entries: readonly AuditEntry[], start: ChainPosition = CHAIN_START): ChainVerdict {
  let expected = start;
  for (const entry of entries) {
    if (entry.seq !== expected.seq) {
      return { ok: false, seq: entry.seq, reason: `expected seq ${expected.seq}, found ${entry.seq}` };
    }
    if (entry.prevHash !== expected.prevHash) {
      return { ok: false, seq: entry.seq, reason: 'prevHash does not match the hash of the entry before it' };
    }
    if (entry.hash !== hashEntry(entry.prevHash, bodyOf(entry))) {
      return { ok: false, seq: entry.seq, reason: 'hash does not match the content of the entry' };
    }
    expected = { seq: entry.seq + 1, prevHash: entry.hash };
  }
  return { ok: true };
}

export function positionAfter(entry: AuditEntry | undefined): ChainPosition {
  return entry === undefined ? CHAIN_START : { seq: entry.seq + 1, prevHash: entry.hash };
}
