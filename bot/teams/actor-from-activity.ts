import type { Activity } from 'botbuilder';
import type { Actor } from '../../core/actor.js';
import type { ConversationInfo } from '../commands/command.js';

interface TeamsChannelData {
  readonly tenant?: { readonly id?: string };
}

export function actorFromActivity(activity: Activity): Actor {
  return {
    aadObjectId: activity.from.aadObjectId || undefined,
    channelUserId: activity.from.id,
    name: activity.from.name || 'someone',
    tenantId: tenantIdOf(activity),
  };
}

export function conversationFromActivity(activity: Activity): ConversationInfo {
  const type = activity.conversation.conversationType;
  return {
    id: activity.conversation.id,
    type: type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal',
    tenantId: tenantIdOf(activity),
  };
}

function tenantIdOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as TeamsChannelData | undefined;
  return channelData?.tenant?.id ?? activity.conversation.tenantId ?? undefined;
}
