import type { ComplianceSnapshot } from '../../core/compliance/compliance-snapshot.js';
import type { DeliveryOutcome, SummaryDelivery } from '../../core/compliance/compliance-scheduler.js';
import { readCompliance } from '../../core/compliance/read-compliance.js';
import type { Subscription } from '../../core/compliance/subscription.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { AppServices } from '../app-services.js';
import { requireTenant } from '../context/require-tenant.js';
import { ConversationUnreachableError } from '../conversations/proactive-messenger.js';
import { prepareSummaryCard } from './compliance-cards.js';
import type { CardPoster } from './rate-limited-sender.js';

export const SCHEDULED_SUMMARY_TITLE = 'Scheduled compliance summary';

/** Reads the tenant once per round and posts each due conversation its summary through the rate-limited sender. */
export function createSubscriptionDelivery(
  services: AppServices,
  sender: CardPoster,
  clock: Clock,
  log: Logger,
): SummaryDelivery {
  return {
    async read(policyIds): Promise<ComplianceSnapshot> {
      return readCompliance(requireTenant(services), clock, log, policyIds ? { policyIds } : {});
    },
    async deliver(subscription: Subscription, snapshot: ComplianceSnapshot): Promise<DeliveryOutcome> {
      const context = {
        tenant: requireTenant(services),
        storage: services.storage,
        clock,
        log,
        conversationId: subscription.conversationId,
      };
      const { card, remember } = await prepareSummaryCard(context, {
        page: 1,
        samePost: false,
        snapshot,
        subscriptionId: subscription.id,
        title: SCHEDULED_SUMMARY_TITLE,
      });
      try {
        await sender.post(subscription.conversationId, card);
      } catch (error) {
        if (error instanceof ConversationUnreachableError)
          return { kind: 'unreachable', ...(error.status === undefined ? {} : { status: error.status }) };
        return { kind: 'failed', error };
      }
      await remember();
      return { kind: 'sent' };
    },
  };
}
