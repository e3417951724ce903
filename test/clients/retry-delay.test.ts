import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from '../../adapters/transient/retry-delay.js';

describe('Retry-After', () => {
  const now = new Date('2024-05-01T10:00:00Z');

  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['Wed, 01 May 2024 10:00:05 GMT', 5000],
    ['Wed, 01 May 2024 09:59:00 GMT', 0],
  ])('reads %s as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([[undefined], [null], ['soon'], ['']])('ignores %s', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('doubles per attempt with jitter inside [step/2, step], capped', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(10, policy, () => 1)).toBe(8000);
    expect(backoffDelay(10, policy, () => 0)).toBe(4000);
  });
});
