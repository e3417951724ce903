import { z } from 'zod';
import { auditLogCard } from '../replies/audit-log-card.js';
import { MAX_BACK_PAGES } from '../../cards/views/audit-log-view.js';
import { defineVerb } from './verb.js';

const cursor = z.string().max(100);

/** Only where to read and the filters as typed travel in the card; who may read is decided from the caller's roles. */
export const auditPageVerb = defineVerb({
  verb: 'audit.page',
  button: "the audit log's page buttons",
  role: 'reader',
  data: z.object({
    page: z.number().int().min(1).max(1_000_000),
    before: cursor.min(1).optional(),
    back: z.array(cursor).max(MAX_BACK_PAGES),
    user: z.string().trim().min(1).max(200).optional(),
    policy: z.string().trim().min(1).max(256).optional(),
    sinceMs: z.number().int().nonnegative().optional(),
    sinceWords: z.string().max(40).optional(),
    steps: z.boolean().optional(),
  }),
  async run(data, { services }) {
    return auditLogCard(services, data);
  },
});
