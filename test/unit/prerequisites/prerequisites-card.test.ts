import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../cards/render.js';
import { toPrerequisitesView } from '../../../cards/views/prerequisites-view.js';
import { cardProblems, executeVerbs } from '../../support/card-parser.js';
import { sampleReport } from './sample-report.js';

const MAX_CARD_BYTES = 28 * 1024;

function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'TextBlock' && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap(texts)];
}

describe('the prerequisites card', () => {
  const card = renderCard(
    'prerequisites',
    toPrerequisitesView(sampleReport(['PS100042']), new Date('2026-11-23T13:00:00Z')),
  );
  const lines = texts(card);

  it('renders a valid card under the Teams size limit, with no unbound expressions', () => {
    const json = JSON.stringify(card);
    expect(cardProblems(card)).toEqual([]);
    expect(json).not.toMatch(/\$\{/);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('shows the verdict in the title', () => {
    expect(lines[0]).toBe('EDR and Antivirus policy prerequisites: ❌ Not ready');
  });

  it('lists the failing rules before the unknown, warning and passing ones', () => {
    const ruleIcons = lines
      .map((line) => /^(✅|❌|⚠️|❔) (?!\*\*)/u.exec(line)?.[1])
      .filter((icon) => icon !== undefined);
    expect(ruleIcons).toEqual(['❌', '✅', '❌', '❔', '⚠️', '✅', '✅']);
  });

  it('gives a fix and a doc link for rules that do not pass, and neither for passing ones', () => {
    expect(lines).toContain('**Fix:** Upgrade the site to current branch 2006 or later.');
    expect(lines.filter((line) => line.startsWith('**Fix:**'))).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith('[What Microsoft says]'))).toHaveLength(4);
  });

  it('offers Check again with the same profile and collection', () => {
    expect(executeVerbs(card)).toContain('check.rerun');
    expect(JSON.stringify(card)).toContain('"data":{"profile":"all","collection":"PS100042"}');
  });
});
