import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { dispatchVerb } from '../../bot/verbs/dispatch-verb.js';
import { verbs } from '../../bot/verbs/index.js';
import { defineVerb, isVerbNote } from '../../bot/verbs/verb.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { templates, type TemplateName, type TemplateViews } from '../../cards/templates.js';
import { testAppServices, testCommandContext } from '../support/app-services.js';
import { executeVerbs } from '../support/card-parser.js';
import { fixtures } from './fixtures.js';

/**
 * Verbs that only move through the card itself, so they rightly replace it: pages, and help's Usage (the usage card
 * has All commands to go back, and a help card is one click from itself).
 */
const PAGERS = new Set(['collections.page', 'compliance.page', 'audit.page', 'help.all', 'help.usage']);
/** The list cards the issue names, and the row button each must keep the list for. */
const LIST_ROWS: Partial<Record<TemplateName, string>> = {
  collections: 'collections.enable',
  'run-list': 'run.show',
  'compliance-summary': 'compliance.policy',
  'approval-list': 'approval.open',
};

/** The `Action.Execute` verbs inside a repeated row (`$data`) of a template. */
function rowVerbs(node: unknown, inRow = false): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => rowVerbs(item, inRow));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const row = inRow || '$data' in record;
  const own = row && record.type === 'Action.Execute' && typeof record.verb === 'string' ? [record.verb] : [];
  return [...own, ...Object.values(record).flatMap((value) => rowVerbs(value, row))];
}

describe('row buttons on list cards leave the list usable', () => {
  it.each(Object.entries(LIST_ROWS))('the %s card has its %s row button in a fixture', (name, verb) => {
    const views = (fixtures[name as TemplateName] ?? []) as readonly TemplateViews[TemplateName][];
    const rendered = views.flatMap((view) => executeVerbs(renderCard(name as TemplateName, view as never)));
    expect(rendered).toContain(verb);
    expect(rowVerbs(templates[name as TemplateName])).toContain(verb);
  });

  it.each(Object.keys(templates))(
    'every row button of the %s card answers beside the card (pagers excepted)',
    (name) => {
      for (const verb of rowVerbs(templates[name as TemplateName])) {
        if (PAGERS.has(verb) || verb === 'command.run') continue;
        const definition = verbs.find((candidate) => candidate.verb === verb);
        expect(definition, verb).toBeDefined();
        expect(definition?.answersBeside, `${verb} on the ${name} card would replace the list`).toBeDefined();
      }
    },
  );

  it('a verb that answers beside posts its card as a new message and leaves the clicked card with a note', async () => {
    const sent: AdaptiveCard[] = [];
    const services = testAppServices();
    const context = testCommandContext({
      services,
      actor: { aadObjectId: '00000000-0000-4000-8000-000000000001', channelUserId: '29:a', name: 'Alex' },
      roles: ['reader'],
      send: async (card) => {
        sent.push(card);
        return `activity-${sent.length}`;
      },
    });
    const answer = renderCard('notice', { title: 'Row opened', message: 'the row' });
    const beside = defineVerb({
      verb: 'test.beside',
      button: 'a row button',
      role: 'reader',
      data: z.object({}),
      answersBeside: { note: 'Opened below.' },
      run: async () => answer,
    });
    const replacing = defineVerb({ ...beside, verb: 'test.replace', answersBeside: undefined });
    const click = (verb: string) =>
      dispatchVerb({ action: { type: 'Action.Execute', verb, data: {} } }, [beside, replacing], context);

    const besideAnswer = await click('test.beside');
    expect(isVerbNote(besideAnswer) && besideAnswer.note).toBe('Opened below.');
    expect(sent).toEqual([answer]);

    const replaced = await click('test.replace');
    expect(replaced).toBe(answer);
    expect(sent).toHaveLength(1);
  });
});
