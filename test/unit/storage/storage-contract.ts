import { describe, expect, it } from 'vitest';
import { compareListingKeys, ETagConflictError, type Storage, type StoredItem } from '../../../core/ports/storage.js';

export interface StorageUnderTest {
  readonly storage: Storage;
}

export const ODD_KEYS: readonly string[] = [
  'conversation:19:abc@thread.tacv2/rollout:42',
  'a/b/../c',
  '.',
  '..',
  '',
  'Key',
  'key',
  'with space and %2F and %u0041',
  'ünïcödé / 日本語 / 🚀',
  'lone surrogate \ud800 here',
  'tilde~and.dots.json.tmp',
  'x'.repeat(1000),
  `${'y'.repeat(300)}:${'Z'.repeat(300)}`,
];

function expectConflict(error: unknown, key: string): void {
  expect(error).toBeInstanceOf(ETagConflictError);
  expect((error as ETagConflictError).key).toBe(key);
}

async function settleAll<T>(promises: Promise<T>[]): Promise<{ won: T[]; lost: unknown[] }> {
  const outcomes = await Promise.allSettled(promises);
  return {
    won: outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])),
    lost: outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : [])),
  };
}

async function allPages(
  storage: Storage,
  prefix: string,
  limit: number,
): Promise<{ items: StoredItem[]; pages: number }> {
  const items: StoredItem[] = [];
  let continuation: string | undefined;
  let pages = 0;
  do {
    const page = await storage.page(prefix, { limit, continuation });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    continuation = page.continuation;
    pages += 1;
  } while (continuation !== undefined && pages < 1000);
  return { items, pages };
}

/** The behaviour every Storage must share; `open` gives a fresh, empty storage for each test. */
export function describeStorageContract(name: string, open: () => Promise<StorageUnderTest>): void {
  describe(`${name} (storage contract)`, () => {
    it('returns undefined for a key never written', async () => {
      const { storage } = await open();
      expect(await storage.get('missing')).toBeUndefined();
    });

    it('returns what was put, with the eTag that put returned', async () => {
      const { storage } = await open();
      const value = { n: 1, list: [1, 'two', null, { deep: true }], text: 'x', flag: false, nothing: null };
      const eTag = await storage.put('k', value);
      expect(await storage.get('k')).toEqual({ key: 'k', value, eTag });
    });

    it('gives every write a new eTag', async () => {
      const { storage } = await open();
      const first = await storage.put('k', 1);
      const second = await storage.put('k', 1);
      expect(typeof first).toBe('string');
      expect(second).not.toBe(first);
      await storage.delete('k');
      expect(await storage.put('k', 1)).not.toBe(second);
    });

    it('copies values in and out, so callers cannot change what is stored', async () => {
      const { storage } = await open();
      const value = { nested: { count: 1 } };
      await storage.put('k', value);
      value.nested.count = 2;
      const read = await storage.get('k');
      (read?.value as { nested: { count: number } }).nested.count = 3;
      expect((await storage.get('k'))?.value).toEqual({ nested: { count: 1 } });
    });

    it('copies a value when put is called, even while an earlier write to the key is in flight', async () => {
      const { storage } = await open();
      const value = { step: 1 };
      const earlier = storage.put('k', { step: 0 });
      const later = storage.put('k', value);
      value.step = 2;
      await Promise.all([earlier, later]);
      expect((await storage.get('k'))?.value).toEqual({ step: 1 });
    });

    it('ifNoneMatch "*" writes only when the key is absent', async () => {
      const { storage } = await open();
      const eTag = await storage.put('k', 'first', { ifNoneMatch: '*' });
      await storage.put('k', 'second', { ifNoneMatch: '*' }).then(
        () => expect.fail('the second create should conflict'),
        (error: unknown) => expectConflict(error, 'k'),
      );
      expect(await storage.get('k')).toEqual({ key: 'k', value: 'first', eTag });
    });

    it('ifMatch writes only over the same eTag', async () => {
      const { storage } = await open();
      const first = await storage.put('k', 'v1');
      const second = await storage.put('k', 'v2', { ifMatch: first });
      await expect(storage.put('k', 'v3', { ifMatch: first })).rejects.toBeInstanceOf(ETagConflictError);
      expect(await storage.get('k')).toEqual({ key: 'k', value: 'v2', eTag: second });
      await expect(storage.put('absent', 'v', { ifMatch: first })).rejects.toBeInstanceOf(ETagConflictError);
      expect(await storage.get('absent')).toBeUndefined();
    });

    it('deletes, reporting whether something was there', async () => {
      const { storage } = await open();
      await storage.put('k', 1);
      expect(await storage.delete('k')).toBe(true);
      expect(await storage.get('k')).toBeUndefined();
      expect(await storage.delete('k')).toBe(false);
    });

    it('deletes with ifMatch only over the same eTag', async () => {
      const { storage } = await open();
      const stale = await storage.put('k', 1);
      const current = await storage.put('k', 2);
      await expect(storage.delete('k', { ifMatch: stale })).rejects.toBeInstanceOf(ETagConflictError);
      expect((await storage.get('k'))?.value).toBe(2);
      expect(await storage.delete('k', { ifMatch: current })).toBe(true);
      await expect(storage.delete('k', { ifMatch: current })).rejects.toBeInstanceOf(ETagConflictError);
    });

    it('round-trips keys with odd characters, each under its own name', async () => {
      const { storage } = await open();
      for (const [index, key] of ODD_KEYS.entries()) {
        await storage.put(key, { index });
      }
      for (const [index, key] of ODD_KEYS.entries()) {
        expect(await storage.get(key), JSON.stringify(key)).toMatchObject({ key, value: { index } });
      }
      expect((await storage.list('')).map((item) => item.key)).toEqual([...ODD_KEYS].sort());
    });

    it('lists by prefix, ordered by key rather than by insertion', async () => {
      const { storage } = await open();
      for (const key of [
        'rollout:b',
        'rollout/x',
        'rollout:a',
        'rollout:B',
        'rollout:a-1',
        'rollout:a/1',
        'other:a',
        'rollout',
      ]) {
        await storage.put(key, key.length);
      }
      const listed = await storage.list('rollout:');
      expect(listed.map((item) => item.key)).toEqual([
        'rollout:B',
        'rollout:a',
        'rollout:a-1',
        'rollout:a/1',
        'rollout:b',
      ]);
      expect(listed[0]).toEqual({ key: 'rollout:B', value: 9, eTag: (await storage.get('rollout:B'))?.eTag });
      expect(await storage.list('nothing-here')).toEqual([]);
    });

    it('lists long keys that share a long prefix', async () => {
      const { storage } = await open();
      const stem = `conversation:${'q'.repeat(400)}`;
      await storage.put(`${stem}/one`, 1);
      await storage.put(`${stem}/two`, 2);
      await storage.put(`${'q'.repeat(400)}`, 0);
      expect((await storage.list(`${stem}/`)).map((item) => item.value)).toEqual([1, 2]);
      expect((await storage.list('conversation:')).map((item) => item.value)).toEqual([1, 2]);
    });

    it('lists keys alone, as list would, odd characters and long keys included', async () => {
      const { storage } = await open();
      const stem = `conversation:${'q'.repeat(1000)}`;
      for (const key of [...ODD_KEYS, `${stem}/one`, `${stem}/two`, 'other']) await storage.put(key, key.length);
      for (const prefix of ['', 'conversation:', `${stem}/`, 'nothing-here', ...ODD_KEYS.slice(0, 3)]) {
        expect(await storage.keys(prefix), JSON.stringify(prefix)).toEqual(
          (await storage.list(prefix)).map((item) => item.key),
        );
      }
      await storage.delete('other');
      expect(await storage.keys('other')).toEqual([]);
    });

    it('pages through a prefix: each item once, with its value and eTag, in listing order', async () => {
      const { storage } = await open();
      const keys = ['idx/b', 'idx/A', 'idx/a-1', 'idx/a_1', 'idx/a/1', 'idx/0', 'idx/9z', 'idx/é', 'idx/a.1', 'other'];
      for (const key of keys) await storage.put(key, { key });
      for (const limit of [1, 2, 3, 100]) {
        const { items, pages } = await allPages(storage, 'idx/', limit);
        const expected = keys.filter((key) => key.startsWith('idx/')).sort(compareListingKeys);
        expect(
          items.map((item) => item.key),
          `limit ${limit}`,
        ).toEqual(expected);
        for (const item of items) expect(item).toEqual(await storage.get(item.key));
        expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / limit));
      }
      expect(await storage.page('nothing-here/', { limit: 5 })).toEqual({ items: [] });
    });

    it('pages index keys of digits in key order, so an inverted time lists newest first', async () => {
      const { storage } = await open();
      const times = [5, 1_700_000_000_000, 42, 1_700_000_000_001, 999];
      const keyOf = (ms: number): string => `by-time/${String(9_999_999_999_999 - ms).padStart(13, '0')}_r-${ms}`;
      for (const ms of times) await storage.put(keyOf(ms), { ms });
      const first = await storage.page('by-time/', { limit: 2 });
      expect(first.items.map((item) => item.value)).toEqual([{ ms: 1_700_000_000_001 }, { ms: 1_700_000_000_000 }]);
      expect(first.continuation).toBeDefined();
      const rest = await allPages(storage, 'by-time/', 2);
      expect(rest.items.map((item) => (item.value as { ms: number }).ms)).toEqual([...times].sort((a, b) => b - a));
    });

    it('pages items too large to ride in a listing, and long keys, with their values', async () => {
      const { storage } = await open();
      const large = { text: 'L'.repeat(20_000) };
      const long = `pg/${'k'.repeat(1000)}`;
      await storage.put('pg/large', large);
      await storage.put(long, 2);
      await storage.put('pg/small', 1);
      const { items } = await allPages(storage, 'pg/', 2);
      expect(new Map(items.map((item) => [item.key, item.value]))).toEqual(
        new Map<string, unknown>([
          ['pg/large', large],
          [long, 2],
          ['pg/small', 1],
        ]),
      );
    });

    it('pages what a later write changed, not a stale value', async () => {
      const { storage } = await open();
      await storage.put('pg/k', 1);
      const eTag = await storage.put('pg/k', 2);
      expect((await storage.page('pg/', { limit: 5 })).items).toEqual([{ key: 'pg/k', value: 2, eTag }]);
    });

    for (const writers of [2, 10]) {
      it(`lets exactly one of ${writers} concurrent writers with the same ifMatch win`, async () => {
        const { storage } = await open();
        const base = await storage.put('counter', { by: 'nobody' });
        const attempts = Array.from({ length: writers }, (_, index) =>
          storage.put('counter', { by: index }, { ifMatch: base }),
        );
        const { won, lost } = await settleAll(attempts);
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(writers - 1);
        lost.forEach((error) => expectConflict(error, 'counter'));
        const stored = await storage.get('counter');
        expect(stored?.eTag).toBe(won[0]);
        expect(stored?.value).not.toEqual({ by: 'nobody' });
      });
    }

    it('lets exactly one of ten concurrent creators with ifNoneMatch win', async () => {
      const { storage } = await open();
      const { won, lost } = await settleAll(
        Array.from({ length: 10 }, (_, index) => storage.put('lock', index, { ifNoneMatch: '*' })),
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      expect((await storage.get('lock'))?.eTag).toBe(won[0]);
    });

    it('lets exactly one of ten concurrent deletes with the same ifMatch win', async () => {
      const { storage } = await open();
      const eTag = await storage.put('k', 1);
      const { won, lost } = await settleAll(Array.from({ length: 10 }, () => storage.delete('k', { ifMatch: eTag })));
      expect(won).toEqual([true]);
      expect(lost).toHaveLength(9);
    });

    it('flush waits for writes in flight', async () => {
      const { storage } = await open();
      const pending = Array.from({ length: 5 }, (_, index) => storage.put(`k${index}`, index));
      await storage.flush();
      expect((await storage.list('k')).map((item) => item.value)).toEqual([0, 1, 2, 3, 4]);
      await Promise.all(pending);
    });
  });
}
