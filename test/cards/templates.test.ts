import { describe, expect, it } from 'vitest';
import { verbs } from '../../bot/verbs/index.js';
import { CARD_SCHEMA_VERSION } from '../../cards/adaptive-card.js';
import { markdownSafe, RAW_TAG } from '../../cards/markdown-safe.js';
import { renderCard } from '../../cards/render.js';
import { templates, type TemplateName, type TemplateViews } from '../../cards/templates.js';
import { describeLeaks, findHiddenFactLeaks } from '../support/card-content.js';
import { cardProblems, executeVerbs } from '../support/card-parser.js';
import { fixtures } from './fixtures.js';

const MAX_CARD_BYTES = 28 * 1024;
const names = Object.keys(templates) as TemplateName[];
const routedVerbs = new Set(verbs.map((verb) => verb.verb));

function render<N extends TemplateName>(name: N, view: TemplateViews[N]): unknown {
  return renderCard(name, view);
}

describe.each(names)('the %s card', (name) => {
  const views = (fixtures[name] ?? []) as readonly TemplateViews[typeof name][];

  it('has fixtures', () => {
    expect(views.length).toBeGreaterThan(0);
  });

  it('pins the schema version Teams supports', () => {
    expect((templates[name] as { version?: string }).version).toBe(CARD_SCHEMA_VERSION);
  });

  it.each(views.map((view, index) => [index, view] as const))('renders fixture %i cleanly', (_index, view) => {
    const card = render(name, view);
    const json = JSON.stringify(card);
    expect(cardProblems(card)).toEqual([]);
    expect(json).not.toMatch(/\$\{/);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
    for (const verb of executeVerbs(card)) expect(routedVerbs, `verb ${verb}`).toContain(verb);
    expect(visibleTexts(card).filter((text) => RAW_TAG.test(text))).toEqual([]);
  });

  it.each(views.map((view, index) => [index, view] as const))(
    'fixture %i shows no GUID, WMI class or ISO time outside Details',
    (_index, view) => {
      const leaks = findHiddenFactLeaks(render(name, view));
      expect(leaks, describeLeaks(leaks)).toEqual([]);
    },
  );
});

/** What a reader sees: TextBlock and TextRun texts, fact titles and values, action titles. */
function visibleTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(visibleTexts);
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = ['text', 'title', 'value', 'placeholder', 'label'].flatMap((key) =>
    typeof record[key] === 'string' && key !== 'value' ? [record[key]] : [],
  );
  const fact = typeof record.title === 'string' && typeof record.value === 'string' ? [record.value] : [];
  return [
    ...own,
    ...fact,
    ...Object.entries(record)
      .filter(([key]) => key !== 'data')
      .flatMap(([, value]) => visibleTexts(value)),
  ];
}

describe('markdown-safe text', () => {
  it('shows placeholders as ‹name›, never as something Teams takes for a tag', () => {
    expect(markdownSafe('assign "<policy>" --to <target>[,…]')).toBe('assign "‹policy›" --to ‹target›[,…]');
    expect(markdownSafe('a <b and <script')).toBe('a ‹b and ‹script');
    expect(markdownSafe('Administration > Overview > Cloud Services; 2 < 3')).toBe(
      'Administration > Overview > Cloud Services; 2 < 3',
    );
  });

  it('reaches every visible string of a card, and leaves action data alone', () => {
    const card = renderCard('unknown-command', { typed: 'policy show <name>', suggestions: [] });
    expect(visibleTexts(card).filter((text) => RAW_TAG.test(text))).toEqual([]);
    expect(JSON.stringify(card)).toContain('policy show ‹name›');
    const usage = renderCard('command-usage', fixtures['command-usage'][0]!);
    expect(JSON.stringify(usage)).not.toMatch(RAW_TAG);
  });
});

describe('card rendering', () => {
  it('shows user text literally, never as a template expression', () => {
    const card = renderCard('unknown-command', { typed: '${1+1} `x` ${commands}', suggestions: [] });
    expect(JSON.stringify(card)).toContain('${1+1} `x` ${commands}');
  });

  it('the parser used by these tests rejects what it should', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] })).not.toEqual(
      [],
    );
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Donut', data: [] }] })).toEqual(
      [],
    );
  });

  it('routes every verb at most once', () => {
    expect(routedVerbs.size).toBe(verbs.length);
  });
});

describe('the approval card', () => {
  it('asks Teams to refresh it for the listed users while pending, and not once decided', async () => {
    const { approvalFixtures } = await import('./approval-fixtures.js');
    const pending = renderCard('approval', approvalFixtures[0]!) as {
      refresh?: { userIds?: unknown; action?: { verb?: string } };
    };
    expect(pending.refresh?.userIds).toEqual(['29:alex', '29:megan']);
    expect(pending.refresh?.action?.verb).toBe('approval.refresh');
    const decided = renderCard('approval', approvalFixtures[3]!) as { refresh?: unknown };
    expect(decided.refresh).toBeUndefined();
  });

  it('shows Approve and Reject only to approvers, and Cancel only to the requester', async () => {
    const { approvalFixtures } = await import('./approval-fixtures.js');
    const verbsOf = (index: number) => executeVerbs(renderCard('approval', approvalFixtures[index]!));
    expect(verbsOf(0)).toEqual(expect.arrayContaining(['approval.approve', 'approval.reject']));
    expect(verbsOf(0)).not.toContain('approval.cancel');
    expect(verbsOf(1)).toContain('approval.cancel');
    expect(verbsOf(1)).not.toContain('approval.approve');
    expect(verbsOf(2).filter((verb) => verb !== 'approval.refresh')).toEqual([]);
  });
});
