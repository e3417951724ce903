import { complianceCardContext, nonCompliantDevicesCard } from '../compliance/compliance-cards.js';
import { complianceDevicesVerb } from './compliance-devices.js';
import { defineVerb } from './verb.js';

/**
 * The summary row's Show non-compliant devices button: the first page of devices as a new message, so the summary
 * stays for the next policy. The pages of that card then move in place (compliance.devices).
 */
export const complianceSummaryDevicesVerb = defineVerb({
  verb: 'compliance.summary-devices',
  button: 'the Show non-compliant devices button of the summary',
  data: complianceDevicesVerb.data,
  role: 'reader',
  answersBeside: { note: 'Showing the devices below the summary…' },
  async run(data, { services, conversation, log }) {
    const { policyId, page } = data as { policyId: string; page: number };
    return nonCompliantDevicesCard(complianceCardContext(services, conversation.id, log), policyId, page);
  },
});
