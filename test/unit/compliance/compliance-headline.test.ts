import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { headline, headlineColor } from '../../../cards/views/compliance-format.js';
import { toComplianceSummaryView } from '../../../cards/views/compliance-summary-view.js';
import type { ComplianceCounts } from '../../../core/compliance/compliance-counts.js';
import { PostedNumbersStore, summaryStreamKey } from '../../../core/compliance/posted-numbers.js';
import type { ComplianceSnapshot } from '../../../core/compliance/compliance-snapshot.js';
import { summarize, toSummaryRow } from '../../../core/compliance/summary-model.js';
import { counts, policyId } from './fakes.js';

const countsArbitrary: fc.Arbitrary<ComplianceCounts> = fc
  .tuple(fc.nat(5000), fc.nat(5000), fc.nat(5000), fc.nat(5000))
  .map(([compliant, nonCompliant, failed, pending]) => counts(compliant, nonCompliant, failed, pending));

function rowOf(deviceCounts: ComplianceCounts) {
  return toSummaryRow(
    { policyId: policyId(1), name: 'EDR', target: 'intune', result: { ok: true, counts: deviceCounts } },
    new Map(),
  );
}

describe('the compliance headline', () => {
  it('never says 0% (or any %) in red while every targeted device is still pending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (pending) => {
        const row = rowOf(counts(0, 0, 0, pending));
        expect(headline(row)).toBe(`Pending: 0 of ${pending} ${pending === 1 ? 'device' : 'devices'} reported yet`);
        expect(headlineColor(row)).toBe('Default');
      }),
    );
  });

  it('for arbitrary counts says "x of y reported", a percentage of the reported devices only, and red only for reported problems', () => {
    fc.assert(
      fc.property(countsArbitrary, (deviceCounts) => {
        const row = rowOf(deviceCounts);
        const text = headline(row);
        const reported = deviceCounts.targeted - deviceCounts.pending;
        if (deviceCounts.targeted === 0) {
          expect(text).toBe('No devices targeted yet');
          return;
        }
        expect(text).toContain(`${reported} of ${deviceCounts.targeted} `);
        if (reported === 0) {
          expect(text).not.toMatch(/%/);
          expect(headlineColor(row)).not.toBe('Attention');
          return;
        }
        const percent = Number(/^([\d.]+)%/.exec(text)?.[1]);
        // one decimal, rounded half up: 31.25% shows as 31.3%, 0.05 away (plus the float error of that subtraction)
        expect(Math.abs(percent - (deviceCounts.compliant / reported) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
        if (headlineColor(row) === 'Attention')
          expect(deviceCounts.nonCompliant + deviceCounts.failed).toBeGreaterThan(0);
        expect(text.includes('of reported devices')).toBe(deviceCounts.pending > 0);
      }),
      // 5 of 16 is 31.25%: shown as 31.3%, exactly at the rounding bound (the counts CI once drew)
      { examples: [[counts(5, 8, 3, 0)]] },
    );
  });
});

describe('"since" on a compliance summary', () => {
  const snapshotAt = (at: string, compliant: number): ComplianceSnapshot => ({
    takenAt: new Date(at),
    policies: [
      { policyId: policyId(1), name: 'EDR', target: 'intune', result: { ok: true, counts: counts(compliant, 1) } },
    ],
  });

  it('is the time of the previous post of the same stream, kept in storage across a restart, never the data time', async () => {
    const storage = createMemoryStorage();
    const stream = summaryStreamKey('19:c', 'a1b2c3d4');
    const firstPost = new PostedNumbersStore(storage);
    expect(await firstPost.previousPostAt(stream)).toBeUndefined();
    const first = snapshotAt('2026-11-22T08:59:40Z', 3);
    const firstView = toComplianceSummaryView(summarize(first, new Map(), 1, 10), {
      now: new Date('2026-11-22T09:00:00Z'),
    });
    expect(firstView.sinceLine).toMatch(/^This is the first summary here/);
    await firstPost.record(stream, first, new Date('2026-11-22T09:00:05Z'));

    const afterRestart = new PostedNumbersStore(storage);
    const second = snapshotAt('2026-11-23T09:00:00Z', 5);
    const previousPostAt = await afterRestart.previousPostAt(stream);
    const view = toComplianceSummaryView(
      summarize(second, await afterRestart.baseline(stream), 1, 10, previousPostAt),
      { now: second.takenAt },
    );
    expect(view.sinceLine).toBe('Changes are since the previous summary here, posted yesterday 09:00 UTC.');
    expect(view.subtitle).toMatch(/^Data as of today 09:00 UTC/);
    expect(view.rows[0]?.changeLine).toBe(
      'Since the previous summary (yesterday 09:00 UTC): +2 compliant, +2 targeted, +8.3 pts.',
    );

    expect(await afterRestart.previousPostAt(summaryStreamKey('19:c'))).toBeUndefined();
    expect(await afterRestart.previousPostAt(summaryStreamKey('19:c', 'e5f6a7b8'))).toBeUndefined();
  });

  it('for another page of the same post compares with the post before it', async () => {
    const posted = new PostedNumbersStore(createMemoryStorage());
    const stream = summaryStreamKey('19:c');
    await posted.record(stream, snapshotAt('2026-11-22T09:00:00Z', 3), new Date('2026-11-22T09:00:00Z'));
    await posted.record(stream, snapshotAt('2026-11-23T09:00:00Z', 5), new Date('2026-11-23T09:00:00Z'));
    expect(await posted.previousPostAt(stream, { samePost: true })).toEqual(new Date('2026-11-22T09:00:00Z'));
    expect(await posted.previousPostAt(stream)).toEqual(new Date('2026-11-23T09:00:00Z'));
  });
});

describe('recording what a summary posted', () => {
  it('keeps every one of many summaries posted in one conversation at once (lost races are retried, not failed)', async () => {
    const storage = createMemoryStorage();
    const stream = summaryStreamKey('19:busy');
    const posts = Array.from({ length: 30 }, (_, index) => ({
      takenAt: new Date(Date.parse('2026-11-22T09:00:00Z') + index * 1000),
      policies: [
        {
          policyId: policyId(index + 1),
          name: `P${index}`,
          target: 'intune' as const,
          result: { ok: true as const, counts: counts(index, 1) },
        },
      ],
    }));
    await Promise.all(posts.map((post) => new PostedNumbersStore(storage).record(stream, post)));
    const baseline = await new PostedNumbersStore(storage).baseline(stream);
    expect(baseline.size).toBe(30);
  });
});
