import { describe, expect, it } from 'vitest';
import { RateLimitedSender } from '../../../bot/compliance/rate-limited-sender.js';
import { TokenBucket } from '../../../bot/compliance/token-bucket.js';
import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import { silentLogger } from '../../../core/ports/logger.js';

const CARD: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5' };

class VirtualTime {
  current = 0;
  now = (): number => this.current;
  sleep = async (ms: number): Promise<void> => {
    this.current += ms;
    await new Promise((resolve) => setImmediate(resolve));
  };
}

function throttled(retryAfter?: string): Error {
  const headers = new Map(retryAfter === undefined ? [] : [['retry-after', retryAfter]]);
  return Object.assign(new Error('Too Many Requests'), {
    statusCode: 429,
    response: { status: 429, headers: { get: (name: string) => headers.get(name) } },
  });
}

describe('the rate-limited sender', () => {
  it('spaces posts to one conversation by its rate', async () => {
    const time = new VirtualTime();
    const sent: number[] = [];
    const sender = new RateLimitedSender({
      messenger: { post: async () => String(sent.push(time.now())) },
      log: silentLogger,
      now: time.now,
      sleep: time.sleep,
      limits: { perConversationPerSecond: 1, globalPerSecond: 100 },
    });
    for (let index = 0; index < 3; index += 1) await sender.post('19:a', CARD);
    expect(sent).toEqual([0, 1000, 2000]);
  });

  it('honours Retry-After on a 429 and then delivers', async () => {
    const time = new VirtualTime();
    const attempts: number[] = [];
    const sender = new RateLimitedSender({
      messenger: {
        post: async () => {
          attempts.push(time.now());
          if (attempts.length === 1) throw throttled('3');
          return 'id';
        },
      },
      log: silentLogger,
      now: time.now,
      sleep: time.sleep,
    });
    expect(await sender.post('19:a', CARD)).toBe('id');
    expect(attempts).toEqual([0, 3000]);
    expect(sender.throttled).toBe(1);
  });

  it('backs off exponentially when a 429 has no Retry-After, and passes other errors through', async () => {
    const time = new VirtualTime();
    const attempts: number[] = [];
    const sender = new RateLimitedSender({
      messenger: {
        post: async () => {
          attempts.push(time.now());
          if (attempts.length <= 2) throw throttled();
          throw Object.assign(new Error('forbidden'), { statusCode: 403 });
        },
      },
      log: silentLogger,
      now: time.now,
      sleep: time.sleep,
      limits: { fallbackBackoffMs: 500, perConversationPerSecond: 100 },
    });
    await expect(sender.post('19:a', CARD)).rejects.toThrow('forbidden');
    expect(attempts).toEqual([0, 500, 1500]);
  });

  it('keeps the overall rate across conversations', () => {
    const time = new VirtualTime();
    const bucket = new TokenBucket(30, 5, time.now);
    const waits = Array.from({ length: 35 }, () => bucket.reserve());
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[34]).toBeGreaterThanOrEqual(1000);
    expect(waits[34]).toBeLessThanOrEqual(1001);
  });
});
