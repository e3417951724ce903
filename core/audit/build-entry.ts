import type { AuditEntry, AuditEntryInput } from '../ports/audit-log.js';
import { type AuditEntryBody, type ChainPosition, hashEntry } from './hash-chain.js';
import { redact } from './redact.js';

/** The next entry of a chain: details are redacted and reduced to plain JSON before hashing. */
export function buildAuditEntry(input: AuditEntryInput, position: ChainPosition, at: Date): AuditEntry {
  const body: AuditEntryBody = {
    seq: position.seq,
    at: at.toISOString(),
    actor: plainActor(input.actor),
    action: input.action,
    target: input.target,
    conversationId: input.conversationId,
    correlationId: input.correlationId,
    details: input.details === undefined ? undefined : redact(toPlainJson(input.details)),
  };
  return withoutUndefined({ ...body, prevHash: position.prevHash, hash: hashEntry(position.prevHash, body) });
}

function plainActor(actor: AuditEntryInput['actor']): AuditEntryInput['actor'] {
  return withoutUndefined({
    aadObjectId: actor.aadObjectId,
    channelUserId: actor.channelUserId,
    name: actor.name,
    tenantId: actor.tenantId,
  });
}

function toPlainJson(details: Record<string, unknown>): Record<string, unknown> {
  const parsed: unknown = JSON.parse(JSON.stringify(details));
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
