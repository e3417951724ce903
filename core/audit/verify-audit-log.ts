import type { AuditHead, StoredAuditRecord } from '../ports/audit-log.js';
import { bodyOf, CHAIN_START, type ChainPosition, hashEntry } from './hash-chain.js';

/**
 * What is wrong where the chain breaks:
 * - `unreadable`: the stored record is not an entry at all (damaged, or edited by hand);
 * - `changed`: the entry's content no longer matches its own hash;
 * - `broken-link`: the entry is intact but does not point at the entry before it (that one was replaced or re-hashed);
 * - `missing`: entries are absent between two that are present;
 * - `out-of-order`: an entry stands where another belongs, and the one that belongs there is stored later;
 * - `duplicate`: two records carry the same entry number: one of them was inserted;
 * - `cut-short`: the log ends before the last entry this bot wrote or read.
 */
export type AuditBreakKind =
  'unreadable' | 'changed' | 'broken-link' | 'missing' | 'out-of-order' | 'duplicate' | 'cut-short';

export interface AuditBreak {
  readonly kind: AuditBreakKind;
  /** The entry number the break is about (for `missing` and `cut-short`, the first absent one). */
  readonly entryNumber: number;
  /** For `missing` and `cut-short`: the last absent entry number. */
  readonly lastMissing?: number;
  /** For `out-of-order` and `duplicate`: the entry number found where `entryNumber` was expected or repeated. */
  readonly foundNumber?: number;
  /** Where in the store the break was found (`line 12`, `audit/000000000012`), and its 0-based position. */
  readonly where: string;
  readonly position: number;
  /** When the entry found there says it was written, if it can be read. */
  readonly at?: string;
  /** The last entry that checked out before the break. */
  readonly lastGood?: { readonly seq: number; readonly at: string };
}

export type AuditVerification =
  | { readonly intact: true; readonly count: number; readonly last?: { readonly seq: number; readonly at: string } }
  | { readonly intact: false; readonly checked: number; readonly problem: AuditBreak };

interface Checked {
  readonly expected: ChainPosition;
  readonly lastGood?: { readonly seq: number; readonly at: string };
  readonly position: number;
}

/** Walks the stored records once, in order, and stops at the first place the chain does not hold. */
export async function verifyAuditLog(
  records: AsyncIterable<StoredAuditRecord>,
  knownHead?: AuditHead,
): Promise<AuditVerification> {
  let state: Checked = { expected: CHAIN_START, position: 0 };
  let pending: AuditBreak | undefined;
  let lastHash: string | undefined;
  for await (const record of records) {
    if (pending !== undefined) {
      if ('entry' in record && record.entry.seq === pending.entryNumber) {
        return broken(state, { ...pending, kind: 'out-of-order' });
      }
      continue;
    }
    const problem = checkRecord(record, state);
    if (problem?.kind === 'missing') {
      pending = problem;
      continue;
    }
    if (problem !== undefined) return broken(state, problem);
    if (!('entry' in record)) continue;
    const { entry } = record;
    lastHash = entry.hash;
    state = {
      expected: { seq: entry.seq + 1, prevHash: entry.hash },
      lastGood: { seq: entry.seq, at: entry.at },
      position: state.position + 1,
    };
  }
  if (pending !== undefined) return broken(state, pending);
  const tailProblem = checkHead(state, lastHash, knownHead);
  if (tailProblem !== undefined) return broken(state, tailProblem);
  return { intact: true, count: state.position, ...(state.lastGood ? { last: state.lastGood } : {}) };
}

function checkRecord(record: StoredAuditRecord, state: Checked): AuditBreak | undefined {
  const base = { where: record.where, position: state.position, ...lastGoodOf(state) };
  const expectedSeq = state.expected.seq;
  if (!('entry' in record)) return { kind: 'unreadable', entryNumber: expectedSeq, ...base };
  const { entry } = record;
  const at = { at: entry.at };
  if (entry.seq > expectedSeq)
    return { kind: 'missing', entryNumber: expectedSeq, lastMissing: entry.seq - 1, foundNumber: entry.seq, ...base };
  if (entry.seq < expectedSeq) {
    const kind = entry.seq === expectedSeq - 1 ? 'duplicate' : 'out-of-order';
    return {
      kind,
      entryNumber: kind === 'duplicate' ? entry.seq : expectedSeq,
      foundNumber: entry.seq,
      ...base,
      ...at,
    };
  }
  if (entry.hash !== hashEntry(entry.prevHash, bodyOf(entry)))
    return { kind: 'changed', entryNumber: expectedSeq, ...base, ...at };
  if (entry.prevHash !== state.expected.prevHash)
    return { kind: 'broken-link', entryNumber: expectedSeq, ...base, ...at };
  return undefined;
}

function checkHead(state: Checked, lastHash: string | undefined, head: AuditHead | undefined): AuditBreak | undefined {
  if (head === undefined) return undefined;
  const lastSeq = state.expected.seq - 1;
  const base = { where: 'the end of the log', position: state.position, ...lastGoodOf(state) };
  if (head.seq > lastSeq) return { kind: 'cut-short', entryNumber: lastSeq + 1, lastMissing: head.seq, ...base };
  if (head.seq === lastSeq && lastHash !== head.hash)
    return { kind: 'changed', entryNumber: lastSeq, ...base, ...(state.lastGood ? { at: state.lastGood.at } : {}) };
  return undefined;
}

function lastGoodOf(state: Checked): { lastGood?: { readonly seq: number; readonly at: string } } {
  return state.lastGood ? { lastGood: state.lastGood } : {};
}

function broken(state: Checked, problem: AuditBreak): AuditVerification {
  return { intact: false, checked: state.position, problem };
}
