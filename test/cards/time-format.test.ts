import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoment } from '../../cards/time-format.js';

const now = new Date('2026-11-30T12:00:00Z');

describe('formatMoment', () => {
  it.each([
    ['2026-11-30T09:41:59Z', 'today 09:41 UTC'],
    ['2026-11-30T00:00:00Z', 'today 00:00 UTC'],
    ['2026-11-29T23:59:00Z', 'yesterday 23:59 UTC'],
    ['2026-12-01T06:00:00Z', 'tomorrow 06:00 UTC'],
    ['2026-11-23T09:01:00Z', '23 Nov 09:01 UTC'],
    ['2025-12-31T18:30:00Z', '31 Dec 2025 18:30 UTC'],
  ])('reads %s as "%s"', (at, expected) => {
    expect(formatMoment(at, now)).toBe(expected);
  });

  it('says so for a time it cannot read', () => {
    expect(formatMoment('not a time', now)).toBe('an unknown time');
  });

  it('never shows an ISO timestamp or seconds', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        (at, reference) => {
          const text = formatMoment(at, reference);
          expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:|:\d{2}:\d{2}/);
          expect(text).toMatch(/\b\d{2}:\d{2} UTC$/);
        },
      ),
    );
  });
});
