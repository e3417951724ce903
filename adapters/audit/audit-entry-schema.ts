import { z } from 'zod';
import type { AuditEntry } from '../../core/ports/audit-log.js';

const actorSchema = z.strictObject({
  aadObjectId: z.string().optional(),
  channelUserId: z.string(),
  name: z.string(),
  tenantId: z.string().optional(),
});

const auditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: actorSchema,
  action: z.string(),
  target: z.string().optional(),
  conversationId: z.string().optional(),
  correlationId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  prevHash: z.string(),
  hash: z.string(),
});

export class AuditLogCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`audit log ${file} is corrupt at ${where}: ${problem}`);
    this.name = 'AuditLogCorruptError';
  }
}

export function parseAuditLine(line: string, file: string, where: string): AuditEntry {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new AuditLogCorruptError(file, where, 'the line is not JSON');
  }
  return parseAuditEntry(json, file, where);
}

export function parseAuditEntry(json: unknown, file: string, where: string): AuditEntry {
  const parsed = auditEntrySchema.safeParse(json);
  if (!parsed.success) {
    throw new AuditLogCorruptError(file, where, z.prettifyError(parsed.error));
  }
  return parsed.data;
}
