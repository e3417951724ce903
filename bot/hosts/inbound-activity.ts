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

/** An account as an activity carries it; only `id` is checked, the rest is read with care. */
export interface InboundAccount {
  readonly id: string;
  readonly name?: unknown;
  readonly aadObjectId?: unknown;
  readonly [field: string]: unknown;
}

/**
 * An activity that passed `inboundActivitySchema`, as the turn logic reads it: neither SDK's type. Fields the schema does
 * not check are `unknown` and read with a guard.
 */
export interface InboundActivity {
  readonly type: string;
  readonly id?: string;
  readonly name?: unknown;
  readonly value?: unknown;
  readonly text?: string;
  readonly replyToId?: unknown;
  readonly action?: unknown;
  readonly locale?: unknown;
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly from: InboundAccount;
  readonly recipient: InboundAccount;
  readonly conversation: {
    readonly id: string;
    readonly conversationType?: unknown;
    readonly tenantId?: unknown;
    readonly [field: string]: unknown;
  };
  readonly channelData?: unknown;
  readonly membersAdded?: unknown;
  readonly membersRemoved?: unknown;
  readonly entities?: unknown;
}

/** Whether a `membersAdded`/`membersRemoved` list names the account `id`. */
export function listsMember(members: unknown, id: string): boolean {
  return Array.isArray(members) && members.some((member) => (member as { id?: unknown } | null)?.id === id);
}
