import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toErrorView } from '../../cards/views/message-view.js';
import type { AuditLog } from '../../core/ports/audit-log.js';
import type { Caller, TenantCheck } from './caller-from-activity.js';

type Refused = Extract<TenantCheck, { verdict: 'refused' }>;

const WHAT_WAS_WRONG: Readonly<Record<Refused['reason'], string>> = {
  'no tenant': 'Your message carried no tenant id, so I cannot tell which organisation you are in.',
  'another tenant': 'Your message came from another organisation (tenant), and I only serve the one that runs me.',
  'two different tenants': 'Your message named two different tenants, so I cannot tell which organisation you are in.',
};

/** The card a caller from another tenant (or none) gets for any message or button; nothing of theirs is stored. */
export function tenantRefusalCard(tenant: Refused, correlationId: string): AdaptiveCard {
  return renderCard(
    'error',
    toErrorView({
      title: 'AttachOps does not serve your organisation',
      message: `${WHAT_WAS_WRONG[tenant.reason]} Nothing was read or changed.`,
      fix: 'Use AttachOps from an account in the organisation that runs it. If your organisation should be served too, its AttachOps admins can add your tenant id to ALLOWED_TENANT_IDS.',
      correlationId,
    }),
  );
}

export async function auditTenantRefusal(
  audit: AuditLog,
  caller: Caller,
  tenant: Refused,
  activityType: string,
  correlationId: string,
): Promise<void> {
  await audit.append({
    actor: caller.actor,
    action: 'access.tenant-refused',
    conversationId: caller.conversation.id,
    correlationId,
    details: { reason: tenant.reason, tenantIds: tenant.seen, activityType },
  });
}
