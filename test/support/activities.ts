import { randomUUID } from 'node:crypto';

export const TEST_TENANT_ID = '00000000-0000-0000-0000-000000000001';
export const BOT = { id: '28:attachops-bot', name: 'AttachOps' } as const;

export interface TestUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
}

export const ALEX: TestUser = {
  id: '29:alex',
  name: 'Alex Wilber',
  aadObjectId: '00000000-0000-0000-0000-000000000020',
};
export const MEGAN: TestUser = {
  id: '29:megan',
  name: 'Megan Bowen',
  aadObjectId: '00000000-0000-0000-0000-000000000021',
};
export const ADELE: TestUser = {
  id: '29:adele',
  name: 'Adele Vance',
  aadObjectId: '00000000-0000-0000-0000-000000000022',
};
export const PATTI: TestUser = {
  id: '29:patti',
  name: 'Patti Fernandez',
  aadObjectId: '00000000-0000-0000-0000-000000000024',
};
export const LYNNE: TestUser = {
  id: '29:lynne',
  name: 'Lynne Robbins',
  aadObjectId: '00000000-0000-0000-0000-000000000025',
};
export const ANONYMOUS: TestUser = { id: '29:anonymous', name: 'Guest' };
export const ISAIAH: TestUser = {
  id: '29:isaiah',
  name: 'Isaiah Langer',
  aadObjectId: '00000000-0000-0000-0000-000000000023',
};

type Place = 'personal' | 'groupChat' | 'channel';

interface ActivityOptions {
  readonly serviceUrl: string;
  readonly from?: TestUser;
  readonly place?: Place;
  readonly conversationId?: string;
}

function conversation(place: Place, conversationId?: string): Record<string, unknown> {
  const id =
    conversationId ??
    (place === 'channel'
      ? `19:channel-${randomUUID()}@thread.tacv2`
      : place === 'groupChat'
        ? `19:group-${randomUUID()}@thread.v2`
        : `a:personal-${randomUUID()}`);
  return {
    id,
    conversationType: place,
    tenantId: TEST_TENANT_ID,
    ...(place === 'groupChat' || place === 'channel' ? { isGroup: true } : {}),
  };
}

/** Teams names a channel thread `<channel id>;messageid=<root post id>`; channelData.channel.id is the channel. */
function channelOf(conversationId: string): string {
  return conversationId.split(';messageid=')[0] ?? conversationId;
}

function base(options: ActivityOptions): Record<string, unknown> {
  const from = options.from ?? ALEX;
  const place = options.place ?? 'personal';
  const inConversation = conversation(place, options.conversationId);
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: from.id, name: from.name, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: inConversation,
    channelData: {
      tenant: { id: TEST_TENANT_ID },
      ...(place === 'channel'
        ? { team: { id: '19:team@thread.tacv2' }, channel: { id: channelOf(String(inConversation.id)) } }
        : {}),
    },
    locale: 'en-US',
  };
}

/** A message as Teams sends it; in channels and group chats the bot is @mentioned. */
export function messageActivity(text: string, options: ActivityOptions): Record<string, unknown> {
  const place = options.place ?? 'personal';
  if (place === 'personal') return { ...base(options), type: 'message', text, textFormat: 'plain' };
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(options),
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
  };
}

/** A click on an `Action.Execute` button. */
export function invokeActivity(
  verb: string,
  data: unknown,
  options: ActivityOptions & { replyToId?: string },
): Record<string, unknown> {
  return {
    ...base(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId ?? 'activity-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** Teams' announcement that the app was installed in (`add`) or removed from (`remove`) a chat or team. */
export function installationUpdateActivity(
  action: 'add' | 'remove',
  options: ActivityOptions,
): Record<string, unknown> {
  return { ...base(options), type: 'installationUpdate', action };
}

/** Members added to a conversation; `bot: true` adds the bot itself, as Teams does when the app is installed. */
export function membersAddedActivity(
  added: readonly { id: string; name: string }[],
  options: ActivityOptions,
): Record<string, unknown> {
  const activity = base(options);
  const place = options.place ?? 'personal';
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: added.map((member) => ({ id: member.id, name: member.name })),
    ...(place === 'channel'
      ? { channelData: { ...(activity.channelData as object), eventType: 'teamMemberAdded' } }
      : {}),
  };
}
