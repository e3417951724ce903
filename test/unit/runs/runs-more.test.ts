import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { runsCommand } from '../../../bot/commands/runs.js';
import { runsMoreVerb } from '../../../bot/verbs/runs-more.js';
import type { Actor } from '../../../core/actor.js';
import { runListContinuation, storageContinuationOf } from '../../../core/runs/run-list-continuation.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { RunStore } from '../../../core/runs/run-store.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { visibleCardTexts } from '../../support/visible-card-text.js';

const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex Wilber' };
const START = Date.parse('2026-01-01T00:00:00Z');

function run(index: number, createdMs: number, conversationId: string): RunRecord {
  const at = new Date(createdMs).toISOString();
  return {
    id: `r-m${index}`,
    kind: 'test',
    title: `run ${index}`,
    requestedBy: alex,
    conversationId,
    createdAt: at,
    updatedAt: at,
    status: 'done',
    resources: [],
    steps: [],
  };
}

/** The More button's data on a card, if it has one. */
function moreData(card: unknown): { continuation: string } | undefined {
  const found = JSON.stringify(card).match(/"verb":"runs\.more","data":\{"continuation":"([^"]+)"\}/);
  return found?.[1] === undefined ? undefined : { continuation: found[1] };
}

function shownIds(card: unknown): string[] {
  return [...JSON.stringify(card).matchAll(/"verb":"run\.show","data":\{"runId":"([^"]+)"\}/g)].flatMap((m) =>
    m[1] === undefined ? [] : [m[1]],
  );
}

describe('paging the runs list with an opaque continuation (issue 28)', () => {
  it('every run appears exactly once across pages, newest first, whatever the page size and the scope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 1_000 }), even: fc.boolean() }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        async (specs, limit, all) => {
          const store = new RunStore(createMemoryStorage());
          const runs = specs.map((spec, index) => run(index, START + spec.at * 1_000, spec.even ? 'conv-a' : 'conv-b'));
          for (const record of runs) await store.create(record);
          const scope = all ? ({ all: true } as const) : { conversationId: 'conv-a' };
          const seen: RunRecord['id'][] = [];
          let token: string | undefined;
          let pages = 0;
          do {
            const continuation = token === undefined ? undefined : storageContinuationOf(token, scope);
            const page = await store.page({
              ...(all ? {} : { conversationId: 'conv-a' }),
              limit,
              ...(continuation === undefined ? {} : { continuation }),
            });
            expect(page.runs.length).toBeLessThanOrEqual(limit);
            seen.push(...page.runs.map((entry) => entry.id));
            token = page.continuation === undefined ? undefined : runListContinuation(scope, page.continuation);
            pages += 1;
          } while (token !== undefined && pages <= runs.length + 1);
          const expected = runs
            .filter((record) => all || record.conversationId === 'conv-a')
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1)) // ties: by id, as keyed
            .map((record) => record.id);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the card carries only a token; More lists the next page of the clicking conversation, and refuses others', async () => {
    const services = testAppServices();
    for (let index = 0; index < 25; index += 1)
      await services.runs.store.create(run(index, START + index * 60_000, index % 5 === 0 ? 'conv-b' : 'conv-a'));
    const inA = testCommandContext({
      services,
      actor: alex,
      roles: ['reader'],
      conversation: { id: 'conv-a', type: 'personal' },
    });
    const inB = testCommandContext({
      services,
      actor: alex,
      roles: ['reader'],
      conversation: { id: 'conv-b', type: 'personal' },
    });

    const first = await runsCommand.run({}, inA);
    expect(shownIds(first)).toEqual([
      'r-m24',
      'r-m23',
      'r-m22',
      'r-m21',
      'r-m19',
      'r-m18',
      'r-m17',
      'r-m16',
      'r-m14',
      'r-m13',
    ]);
    const more = moreData(first);
    expect(more, 'a More button when older runs follow').toBeDefined();
    expect(Object.keys(more ?? {})).toEqual(['continuation']);
    expect(more?.continuation).not.toContain('conv-a');

    const second = await runsMoreVerb.run(more, inA);
    expect(visibleCardTexts(second).join('\n')).toContain('Older runs');
    expect([...shownIds(first), ...shownIds(second)].sort()).toEqual(
      Array.from({ length: 25 }, (_, index) => index)
        .filter((index) => index % 5 !== 0)
        .map((index) => `r-m${index}`)
        .sort(),
    );
    expect(moreData(second)).toBeUndefined();

    // the same token clicked from another conversation: refused by name, nothing of conv-a shown
    const elsewhere = await runsMoreVerb.run(more, inB).catch((error: unknown) => error);
    expect(isUserFacingError(elsewhere) && elsewhere.title).toBe('That More button belongs to another list');

    // forged or garbled tokens: a named error, never a stack trace
    for (const forged of ['garbage', Buffer.from('{"v":1}').toString('base64url'), 'x'.repeat(9_000)]) {
      const error = await runsMoreVerb.run({ continuation: forged }, inA).catch((caught: unknown) => caught);
      expect(isUserFacingError(error) && error.title).toBe('That More button no longer works');
    }

    // runs --all pages too, with its own token
    const all = await runsCommand.run({ all: true }, inB);
    expect(shownIds(all)[0]).toBe('r-m24');
    const allNext = await runsMoreVerb.run(moreData(all), inB);
    expect(shownIds(allNext)[0]).toBe('r-m14');
  });
});
