import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { InboundActivity } from './inbound-activity.js';
import type { StoredReference } from './stored-reference.js';

/**
 * The host port: what the bot's turn logic and its proactive messaging need from a Teams SDK, and nothing of either
 * SDK's types. `bot/hosts/botbuilder/` and `bot/hosts/agents/` implement it; nothing outside `bot/hosts/*` imports an SDK.
 */

/** Cards in one conversation: post a new one (its activity id back), or replace one the bot posted. */
export interface CardChannel {
  sendCard(card: AdaptiveCard): Promise<string>;
  /** A plain text message (Teams renders its markdown): for what a person copies, such as a request id. */
  sendText(text: string): Promise<string>;
  updateCard(activityId: string, card: AdaptiveCard): Promise<void>;
}

/** One inbound turn as the logic sees it: the activity and the conversation it came from. */
export interface Turn extends CardChannel {
  readonly activity: InboundActivity;
}

/** The HTTP answer to an invoke (`adaptiveCard/action`): the host writes it as the response to the request. */
export interface InvokeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The bot's turn logic: an invoke is answered, anything else answers `undefined`. */
export interface TurnLogic {
  run(turn: Turn): Promise<InvokeAnswer | undefined>;
}

/** Conversations outside a turn, through references stored in our own shape (each host maps it to its SDK's). */
export interface ProactivePort {
  /** Runs `work` in the stored conversation. A failure of `work` or of the connector rejects (never swallowed). */
  continueConversation(reference: StoredReference, work: (channel: CardChannel) => Promise<void>): Promise<void>;
  /**
   * A new post in a Teams channel: the connector's createConversation with `isGroup` and `channelData.channel.id`, the
   * card as its first activity. Resolves to the id of the conversation created (`<channel>;messageid=<post id>`).
   */
  createChannelPost(reference: StoredReference, channelId: string, card: AdaptiveCard): Promise<string>;
}

/** What start-bot needs from a running host. */
export interface RunningHost {
  readonly port: number;
  /** Stops accepting new connections; resolves when the server has closed. */
  stopAccepting(): Promise<void>;
  closeIdleConnections(): void;
  closeAllConnections(): void;
}
