import { z } from 'zod';
import { actorSchema } from '../actor-schema.js';
import { auditOutboxFields } from '../audit/audit-outbox.js';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'superseded'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

const planSchema = z.object({
  kind: z.string(),
  title: z.string(),
  intent: z.record(z.string(), z.unknown()),
  changes: z.array(
    z.object({
      action: z.enum(['create', 'update', 'no-op', 'add', 'keep', 'remove']),
      subject: z.string(),
      detail: z.string(),
      devices: z.number().optional(),
    }),
  ),
  resources: z.array(z.string()),
  steps: z.array(z.object({ kind: z.string(), title: z.string(), input: z.record(z.string(), z.unknown()) })),
});

export const approvalRecordSchema = z.object({
  id: z.string(),
  runId: z.string(),
  plan: planSchema,
  planHash: z.string(),
  requestedBy: actorSchema,
  conversationId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  quorum: z.number().int().positive(),
  status: z.enum(APPROVAL_STATUSES),
  approvals: z.array(z.object({ by: actorSchema, at: z.string() })),
  decision: z.object({ by: actorSchema, at: z.string(), reason: z.string().optional() }).optional(),
  supersededBy: z.string().optional(),
  replaces: z.string().optional(),
  cards: z.array(z.object({ conversationId: z.string(), activityId: z.string() })),
  /** Audit entries written with the decision they describe, not yet in the audit log (core/audit/audit-outbox.ts). */
  ...auditOutboxFields,
});

export type ApprovalRecord = z.infer<typeof approvalRecordSchema>;
