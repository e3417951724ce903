import type { AuditPage } from '../../core/audit/audit-query.js';
import type { AuditVerification } from '../../core/audit/verify-audit-log.js';
import type { AuditEntry } from '../../core/ports/audit-log.js';
import { type AuditLogView, toAuditLogView } from '../../cards/views/audit-log-view.js';
import { type AuditVerifyView, toAuditVerifyView } from '../../cards/views/audit-verify-view.js';

export const AUDIT_NOW = new Date('2026-11-30T10:00:00.000Z');

const megan = {
  aadObjectId: '7f3c2a10-5b1e-4c8d-9a6f-2e4b8c1d0a93',
  channelUserId: '29:1megan',
  name: 'Megan Bowen',
  tenantId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
};
const adele = {
  ...megan,
  aadObjectId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  channelUserId: '29:1adele',
  name: 'Adele Vance',
};

function entry(seq: number, at: string, actor: typeof megan, action: string, target?: string): AuditEntry {
  return {
    seq,
    at,
    actor,
    action,
    ...(target ? { target } : {}),
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  };
}

const runId = '3e8f1c2a-7b4d-4e6f-8a9b-0c1d2e3f4a5b';
const approvalId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const edr = { title: 'Create policy "EDR Servers" (EDR)', policies: ['EDR Servers'], collections: [] };
const enable = {
  title: 'Enable All Servers for endpoint security policies',
  policies: [],
  collections: ['All Servers'],
};

export const auditPageFixture: AuditPage = {
  rows: [
    { entry: entry(7, '2026-11-30T09:41:12.345Z', adele, 'approval.approved', approvalId), subject: edr },
    { entry: entry(6, '2026-11-30T09:30:00.000Z', megan, 'approval.requested', approvalId), subject: edr },
    { entry: entry(5, '2026-11-29T17:02:00.000Z', megan, 'run.done', runId), subject: enable },
    { entry: entry(4, '2026-11-23T08:00:00.000Z', megan, 'access.refused', 'policy create') },
    { entry: entry(3, '2025-12-31T23:59:00.000Z', megan, 'policy.renamed', 'c0ffee00-0000-4000-8000-000000000000') },
  ],
  next: '3@1024',
  scanned: 6,
};

export const auditLogFixtures: readonly AuditLogView[] = [
  toAuditLogView(auditPageFixture, { page: 1, back: [] }, AUDIT_NOW),
  toAuditLogView(
    { ...auditPageFixture, next: undefined },
    { page: 3, back: ['', '12@4096'], before: '8@2048', user: 'Megan', sinceMs: 0, sinceWords: '7 days' },
    AUDIT_NOW,
  ),
  toAuditLogView(
    { rows: [], scanned: 2000, next: '99@1', searchedBackTo: '2026-11-01T00:00:00.000Z' },
    { page: 1, back: [], policy: 'EDR Servers' },
    AUDIT_NOW,
  ),
  toAuditLogView({ rows: [], scanned: 0 }, { page: 1, back: [] }, AUDIT_NOW),
];

const lastGood = { seq: 56, at: '2026-11-29T17:02:00.000Z' };
const broken = (problem: Extract<AuditVerification, { intact: false }>['problem']): AuditVerification => ({
  intact: false,
  checked: problem.position,
  problem,
});

export const auditVerifications: readonly AuditVerification[] = [
  { intact: true, count: 1234, last: { seq: 1234, at: '2026-11-30T09:41:00.000Z' } },
  { intact: true, count: 0 },
  broken({
    kind: 'changed',
    entryNumber: 57,
    where: 'line 57',
    position: 56,
    at: '2026-11-29T18:00:00.000Z',
    lastGood,
  }),
  broken({
    kind: 'broken-link',
    entryNumber: 57,
    where: 'line 57',
    position: 56,
    at: '2026-11-29T18:00:00.000Z',
    lastGood,
  }),
  broken({
    kind: 'missing',
    entryNumber: 57,
    lastMissing: 59,
    foundNumber: 60,
    where: 'line 57',
    position: 56,
    lastGood,
  }),
  broken({
    kind: 'missing',
    entryNumber: 57,
    lastMissing: 57,
    foundNumber: 58,
    where: 'audit/000000000058',
    position: 56,
    lastGood,
  }),
  broken({ kind: 'out-of-order', entryNumber: 57, foundNumber: 58, where: 'line 57', position: 56, lastGood }),
  broken({ kind: 'duplicate', entryNumber: 56, foundNumber: 56, where: 'line 57', position: 56, lastGood }),
  broken({ kind: 'unreadable', entryNumber: 1, where: 'line 1', position: 0 }),
  broken({ kind: 'cut-short', entryNumber: 57, lastMissing: 60, where: 'the end of the log', position: 56, lastGood }),
];

export const auditVerifyFixtures: readonly AuditVerifyView[] = auditVerifications.map((verdict) =>
  toAuditVerifyView(verdict, AUDIT_NOW),
);
