import { describe, expect, it } from 'vitest';
import { renderCard } from '../../cards/render.js';
import { donutSlices } from '../../cards/views/compliance-format.js';
import { enforcedFact } from '../../cards/views/compliance-policy-view.js';
import { fixtures } from './fixtures.js';

/** Every Chart.Donut in a rendered card, with the widths of the columns it sits in. */
function donuts(node: unknown, widths: readonly string[] = []): { widths: readonly string[] }[] {
  if (Array.isArray(node)) return node.flatMap((item) => donuts(item, widths));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if (record.type === 'Chart.Donut') return [{ widths }];
  const inside = record.type === 'Column' ? [...widths, String(record.width ?? 'auto')] : widths;
  return Object.values(record).flatMap((value) => donuts(value, inside));
}

describe('the compliance donut', () => {
  it('colours failed devices as the problem (attention) and not compliant ones as needing a look (warning)', () => {
    const slices = donutSlices({ targeted: 10, compliant: 4, nonCompliant: 3, failed: 2, pending: 1, enforced: 7 });
    expect(Object.fromEntries(slices.map((slice) => [slice.legend, slice.color]))).toEqual({
      Compliant: 'good',
      'Not compliant': 'warning',
      Failed: 'attention',
      Pending: 'neutral',
    });
  });

  it('has the card\'s whole width, so Teams shows its legend instead of folding it into "3 items"', () => {
    const cards = [
      ...fixtures['compliance-summary'].map((view) => renderCard('compliance-summary', view)),
      ...fixtures['compliance-policy'].map((view) => renderCard('compliance-policy', view)),
    ];
    const found = cards.flatMap((card) => donuts(card));
    expect(found.length).toBeGreaterThan(0);
    for (const donut of found) expect(donut.widths).toEqual([]);
  });
});

describe('"Enforced" on a policy card', () => {
  it('says what it counts, with a noun that agrees with the number', () => {
    expect(enforcedFact(186)).toEqual({
      title: 'Enforced',
      value: '186 devices: applied the policy and evaluated it, compliant or not',
    });
    expect(enforcedFact(1).value).toMatch(/^1 device: /);
  });
});
