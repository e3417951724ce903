import type { Actor } from '../../core/actor.js';
import { normalizeObjectId } from '../../core/identity/object-id.js';
import type { ConversationInfo } from '../conversations/conversation-info.js';
import type { InboundActivity } from '../hosts/inbound-activity.js';

/** Where the activity says it comes from, judged against the tenants the bot serves. */
export type TenantCheck =
  | { readonly verdict: 'home'; readonly tenantId: string }
  | {
      readonly verdict: 'refused';
      readonly reason: 'no tenant' | 'another tenant' | 'two different tenants';
      /** The tenant ids the activity carried, normalised where they were GUIDs, cut short otherwise. */
      readonly seen: readonly string[];
    };

/** The one reading of an activity's identity: everything after this compares normalised ids only. */
export interface Caller {
  readonly actor: Actor;
  readonly conversation: ConversationInfo;
  readonly tenant: TenantCheck;
  /** `from.aadObjectId` was present but not an object id: treated as no identity. */
  readonly malformedObjectId: boolean;
}

const MAX_NAME_LENGTH = 200;

export function callerFromActivity(activity: InboundActivity, homeTenantIds: ReadonlySet<string>): Caller {
  const tenant = checkTenant(activity, homeTenantIds);
  const tenantId = tenant.verdict === 'home' ? tenant.tenantId : undefined;
  const rawObjectId: unknown = activity.from.aadObjectId;
  const aadObjectId = normalizeObjectId(rawObjectId);
  const type = activity.conversation.conversationType;
  return {
    actor: {
      ...(aadObjectId ? { aadObjectId } : {}),
      channelUserId: activity.from.id,
      name: displayName(activity.from.name),
      ...(tenantId ? { tenantId } : {}),
    },
    conversation: {
      id: activity.conversation.id,
      type: type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal',
      ...(tenantId ? { tenantId } : {}),
    },
    tenant,
    malformedObjectId: aadObjectId === undefined && rawObjectId !== undefined && rawObjectId !== '',
  };
}

/** `channelData.tenant.id` and `conversation.tenantId` must agree, and name a tenant the bot serves. */
function checkTenant(activity: InboundActivity, homeTenantIds: ReadonlySet<string>): TenantCheck {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const carried = [channelData?.tenant?.id, activity.conversation.tenantId].filter(
    (value) => value !== undefined && value !== null && value !== '',
  );
  const seen = [...new Set(carried.map((value) => normalizeObjectId(value) ?? String(value).slice(0, 60)))];
  if (seen.length === 0) return { verdict: 'refused', reason: 'no tenant', seen };
  if (seen.length > 1) return { verdict: 'refused', reason: 'two different tenants', seen };
  const [only] = seen;
  if (only === undefined || !homeTenantIds.has(only)) return { verdict: 'refused', reason: 'another tenant', seen };
  return { verdict: 'home', tenantId: only };
}

function displayName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') return 'someone';
  return name.trim().slice(0, MAX_NAME_LENGTH);
}
