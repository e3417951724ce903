import { z } from 'zod';
import { complianceCardContext, nonCompliantDevicesCard } from '../compliance/compliance-cards.js';
import { defineVerb } from './verb.js';

/** 100,000 devices are 5,000 pages of 20. */
const MAX_DEVICES_PAGE = 5000;

export const complianceDevicesVerb = defineVerb({
  verb: 'compliance.devices',
  button: 'the Show non-compliant devices (or its page) button',
  data: z
    .object({ policyId: z.string().min(1).max(100), page: z.number().int().min(1).max(MAX_DEVICES_PAGE) })
    .strict(),
  role: 'reader',
  async run({ policyId, page }, { services, conversation, log }) {
    const context = complianceCardContext(services, conversation.id, log);
    return nonCompliantDevicesCard(context, policyId, page);
  },
});
