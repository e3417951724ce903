import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { Logger } from '../../core/ports/logger.js';
import { statusOf } from '../conversations/proactive-messenger.js';
import { retryAfterMs } from './retry-after.js';
import { type SendLimits, TEAMS_SEND_LIMITS } from './send-limits.js';
import { TokenBucket } from './token-bucket.js';

export interface CardPoster {
  post(conversationId: string, card: AdaptiveCard): Promise<string>;
}

export interface RateLimitedSenderOptions {
  readonly messenger: CardPoster;
  readonly log: Logger;
  readonly limits?: Partial<SendLimits>;
  /** Real time by default: the connector's limits are in real seconds, whatever the scheduler's clock says. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const GLOBAL_BURST = 5;
const BUCKETS_BEFORE_SWEEP = 1000;

/**
 * Posts cards within Teams' rate limits: a token bucket per conversation and one for the bot, and on a 429 from the
 * connector it waits the Retry-After (or backs off) before trying the same message again through the buckets.
 * 403/404 and other errors are thrown to the caller unchanged.
 */
export class RateLimitedSender implements CardPoster {
  private readonly limits: SendLimits;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly global: TokenBucket;
  private readonly perConversation = new Map<string, TokenBucket>();
  throttled = 0;

  constructor(private readonly options: RateLimitedSenderOptions) {
    this.limits = { ...TEAMS_SEND_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.global = new TokenBucket(this.limits.globalPerSecond, GLOBAL_BURST, this.now);
  }

  async post(conversationId: string, card: AdaptiveCard): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      await this.waitForTurn(conversationId);
      try {
        return await this.options.messenger.post(conversationId, card);
      } catch (error) {
        if (statusOf(error) !== 429 || attempt >= this.limits.maxAttempts) throw error;
        this.throttled += 1;
        const delay =
          retryAfterMs(error, this.now()) ??
          Math.min(this.limits.maxBackoffMs, this.limits.fallbackBackoffMs * 2 ** (attempt - 1));
        const until = this.now() + delay;
        this.bucketOf(conversationId).holdUntil(until);
        this.global.holdUntil(until);
        this.options.log.warn(
          { conversationId, attempt, delayMs: delay },
          'Teams throttled a post (429); waiting before the next try',
        );
      }
    }
  }

  private async waitForTurn(conversationId: string): Promise<void> {
    const ownWait = this.bucketOf(conversationId).reserve();
    if (ownWait > 0) await this.sleep(ownWait);
    const globalWait = this.global.reserve();
    if (globalWait > 0) await this.sleep(globalWait);
  }

  private bucketOf(conversationId: string): TokenBucket {
    let bucket = this.perConversation.get(conversationId);
    if (!bucket) {
      if (this.perConversation.size >= BUCKETS_BEFORE_SWEEP) this.sweep();
      bucket = new TokenBucket(this.limits.perConversationPerSecond, 1, this.now);
      this.perConversation.set(conversationId, bucket);
    }
    return bucket;
  }

  private sweep(): void {
    for (const [id, bucket] of this.perConversation) if (bucket.isIdle()) this.perConversation.delete(id);
  }
}
