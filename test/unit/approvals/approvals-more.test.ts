import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalsCommand } from '../../../bot/commands/approvals.js';
import { approvalsMoreVerb } from '../../../bot/verbs/approvals-more.js';
import type { Actor } from '../../../core/actor.js';
import type { ApprovalRecord } from '../../../core/approvals/approval-record.js';
import { ApprovalStore } from '../../../core/approvals/approval-store.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';
import { visibleCardTexts } from '../../support/visible-card-text.js';

const alex: Actor = { aadObjectId: '11111111-1111-4111-8111-111111111111', channelUserId: '29:alex', name: 'Alex' };
const megan: Actor = { aadObjectId: '22222222-2222-4222-8222-222222222222', channelUserId: '29:megan', name: 'Megan' };
const START = Date.parse('2026-01-01T00:00:00Z');

function request(index: number, createdMs: number, by: Actor): ApprovalRecord {
  const at = new Date(createdMs).toISOString();
  return {
    id: `a-m${index}`,
    runId: `r-m${index}`,
    plan: { kind: 'test', title: `request ${index}`, intent: {}, changes: [], resources: [], steps: [] },
    planHash: 'h',
    requestedBy: by,
    conversationId: 'conv-a',
    createdAt: at,
    expiresAt: at,
    quorum: 1,
    status: 'approved',
    approvals: [],
    cards: [],
  };
}

function moreData(card: unknown): { continuation: string } | undefined {
  const found = JSON.stringify(card).match(/"verb":"approvals\.more","data":\{"continuation":"([^"]+)"\}/);
  return found?.[1] === undefined ? undefined : { continuation: found[1] };
}

function shownIds(card: unknown): string[] {
  return [...JSON.stringify(card).matchAll(/"verb":"approval\.open","data":\{"approvalId":"([^"]+)"\}/g)].flatMap(
    (m) => (m[1] === undefined ? [] : [m[1]]),
  );
}

const context = (services: ReturnType<typeof testAppServices>, actor: Actor) =>
  testCommandContext({ services, actor, roles: ['reader'] });

describe('paging your own requests on the approvals card (issue 28)', () => {
  it('each of your requests appears exactly once across the first card and its More pages, newest first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 1_000 }), mine: fc.boolean() }), { maxLength: 35 }),
        async (specs) => {
          const services = testAppServices();
          const store = new ApprovalStore(services.storage);
          const records = specs.map((spec, index) => request(index, START + spec.at * 1_000, spec.mine ? alex : megan));
          for (const record of records) await store.create(record);
          const seen: string[] = [];
          let card: unknown = await approvalsCommand.run({}, context(services, alex));
          for (let pages = 0; ; pages += 1) {
            const ids = shownIds(card);
            expect(ids.length).toBeLessThanOrEqual(10);
            seen.push(...ids);
            const more = moreData(card);
            if (more === undefined || pages > records.length) break;
            card = await approvalsMoreVerb.run(more, context(services, alex));
            expect(visibleCardTexts(card).join('\n')).toContain('Your earlier requests');
          }
          const expected = records
            .filter((record) => record.requestedBy === alex)
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : 1))
            .map((record) => record.id);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any continuation a caller can send gets the next page or a named card, never a crash', async () => {
    const services = testAppServices();
    const store = new ApprovalStore(services.storage);
    for (let index = 0; index < 3; index += 1) await store.create(request(index, START + index * 60_000, alex));
    const token = fc.oneof(
      fc.string({ minLength: 1, maxLength: 300 }),
      fc.base64String({ minLength: 4, maxLength: 300 }),
      fc
        .record({ v: fc.anything(), s: fc.anything(), c: fc.anything() }, { requiredKeys: [] })
        .map((value) => Buffer.from(JSON.stringify(value) ?? '', 'utf8').toString('base64url'))
        .filter((text) => text.length > 0),
    );
    await fc.assert(
      fc.asyncProperty(token, async (continuation) => {
        const outcome = await approvalsMoreVerb
          .run({ continuation }, context(services, alex))
          .then(() => 'card')
          .catch((error: unknown) => (isUserFacingError(error) ? 'named' : error));
        expect(['card', 'named']).toContain(outcome);
      }),
      { numRuns: 200 },
    );
  });

  it('a token carries no id, works only for the person whose list it is, and a garbled one gets a named card', async () => {
    const services = testAppServices();
    const store = new ApprovalStore(services.storage);
    for (let index = 0; index < 14; index += 1) await store.create(request(index, START + index * 60_000, alex));
    const first = await approvalsCommand.run({}, context(services, alex));
    const more = moreData(first);
    expect(more).toBeDefined();
    expect(more?.continuation).not.toContain(alex.aadObjectId);
    expect(Buffer.from(more?.continuation ?? '', 'base64url').toString('utf8')).not.toContain(alex.aadObjectId);

    const second = await approvalsMoreVerb.run(more, context(services, alex));
    expect(shownIds(second)).toEqual(['a-m3', 'a-m2', 'a-m1', 'a-m0']);
    expect(visibleCardTexts(second).join('\n')).not.toContain('Waiting for your decision');
    expect(moreData(second)).toBeUndefined();

    const forwarded = await approvalsMoreVerb.run(more, context(services, megan)).catch((error: unknown) => error);
    expect(isUserFacingError(forwarded) && forwarded.title).toBe('That More button belongs to someone else');
    const noId = { ...megan, aadObjectId: undefined };
    const anonymous = await approvalsMoreVerb.run(more, context(services, noId)).catch((error: unknown) => error);
    expect(isUserFacingError(anonymous) && anonymous.title).toBe('That More button belongs to someone else');

    for (const forged of ['garbage', Buffer.from('{"v":1}').toString('base64url'), 'x'.repeat(9_000)]) {
      const error = await approvalsMoreVerb
        .run({ continuation: forged }, context(services, alex))
        .catch((e: unknown) => e);
      expect(isUserFacingError(error) && error.title).toBe('That More button no longer works');
    }
  });
});
