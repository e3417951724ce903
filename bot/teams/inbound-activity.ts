import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** Activity types the Bot Framework defines; anything else is refused before it reaches the bot. */
const KNOWN_ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'installationUpdate',
  'invoke',
  'event',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'typing',
  'endOfConversation',
  'contactRelationUpdate',
  'deleteUserData',
  'trace',
  'handoff',
  'suggestion',
  'command',
  'commandResult',
] as const;

const account = z.object({ id: z.string().min(1) }).loose();

/** The minimum an activity needs for the bot to understand it and answer it. */
export const inboundActivitySchema = z
  .object({
    type: z.enum(KNOWN_ACTIVITY_TYPES),
    serviceUrl: z.url(),
    channelId: z.string().min(1),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1) }).loose(),
    text: z.string().optional(),
  })
  .loose();

export function describeInboundProblems(body: unknown): string[] {
  const parsed = inboundActivitySchema.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/** An activity that passed `inboundActivitySchema`, with its timestamps as Dates, as CloudAdapter.process makes them. */
export function toActivity(body: unknown): Activity {
  const activity = { ...(body as Record<string, unknown>) };
  for (const [field, raw] of TIMESTAMP_FIELDS) {
    const value = activity[field];
    if (typeof value !== 'string') continue;
    activity[raw] = value;
    activity[field] = new Date(value);
  }
  return activity as unknown as Activity;
}

const TIMESTAMP_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['expiration', 'rawExpiration'],
  ['localTimestamp', 'rawLocalTimestamp'],
] as const;
