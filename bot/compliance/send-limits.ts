/**
 * Teams' limits for proactive messages from one bot: a few messages per second in one conversation and a global rate
 * per app. We stay below both: about one message per second per conversation and 30 per second overall.
 */
export const TEAMS_SEND_LIMITS = {
  perConversationPerSecond: 1,
  globalPerSecond: 30,
  /** Sends of one message before its 429s are given up on. */
  maxAttempts: 8,
  /** Backoff when a 429 carries no Retry-After: doubled per attempt up to the cap. */
  fallbackBackoffMs: 1000,
  maxBackoffMs: 30_000,
} as const;

export interface SendLimits {
  readonly perConversationPerSecond: number;
  readonly globalPerSecond: number;
  readonly maxAttempts: number;
  readonly fallbackBackoffMs: number;
  readonly maxBackoffMs: number;
}
