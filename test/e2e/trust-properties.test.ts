import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelToKebab } from '../../bot/commands/bind-arguments.js';
import { commands } from '../../bot/commands/index.js';
import { verbs } from '../../bot/verbs/index.js';
import { sameObjectId } from '../../core/identity/object-id.js';
import {
  ALEX,
  invokeActivity,
  ISAIAH,
  LYNNE,
  MEGAN,
  messageActivity,
  TEST_TENANT_ID,
  type TestUser,
} from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

/**
 * Random commands, flags, quoting, unicode, control characters, huge and empty texts, and random card-action payloads,
 * from random callers and tenants, through the real endpoint against the sandbox. Fixed seed; PROPERTY_RUNS_FACTOR=10
 * runs ten times as many cases (locally, not in CI).
 */
const SEED = 20261129;
const FACTOR = Number(process.env.PROPERTY_RUNS_FACTOR ?? '1');
const RUNS = 40 * FACTOR;
/** Each property's time budget grows with its case count. */
const TIMEOUT_MS = 30_000 * FACTOR;

const GENERIC = 'Something went wrong on my side';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const STRANGER: TestUser = { id: '29:stranger', name: 'Sam', aadObjectId: '9d3c6e2a-1b7f-4c55-8a90-0f1e2d3c4b5a' };
const CALLERS: readonly TestUser[] = [
  ALEX,
  MEGAN,
  ISAIAH,
  LYNNE,
  STRANGER,
  { id: '29:no-id', name: 'No Id' },
  { id: '29:bad-id', name: '${1+1}', aadObjectId: "x' or 1 eq 1" },
  { ...MEGAN, aadObjectId: MEGAN.aadObjectId!.toUpperCase() },
  { ...ALEX, aadObjectId: ` ${ALEX.aadObjectId!.toUpperCase()} ` },
];
const TENANTS = ['home', 'home', 'home', 'foreign', 'missing', 'conflicting'] as const;
type TenantCase = (typeof TENANTS)[number];

const WEIRD = [
  '${1+1}',
  '${$root.title}',
  '${if(true, "a", "b")}',
  '"',
  "'",
  '"unterminated',
  '\u0000',
  '\u202e',
  '\u00a0',
  '\u201cquoted\u201d',
  '<at>AttachOps</at>',
  '&amp;&lt;',
  '--',
  '-',
  '\\',
  '--constructor',
  '--__proto__',
  '--to-string',
  '--value-of',
  '--has-own-property',
  'PS100042',
  'a-abcdef',
];

const commandWords = [...new Set(commands.map((command) => command.name))];
const flags = [
  ...new Set(commands.flatMap((command) => Object.keys(command.args.shape).map((key) => `--${camelToKebab(key)}`))),
];

const word = fc.oneof(
  fc.constantFrom(...flags),
  fc.constantFrom(...WEIRD),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const text = fc
  .oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...commandWords), fc.array(word, { maxLength: 8 })) },
    { weight: 1, arbitrary: fc.tuple(fc.constant(''), fc.array(word, { maxLength: 6 })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', ' \t ', '\n'), fc.constant([] as string[])) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constant('check'),
        fc.integer({ min: 3990, max: 4200 }).map((n) => ['x'.repeat(n)]),
      ),
    },
  )
  .map(([head, rest]) => [head, ...rest].join(' '));

describe('property: no input from anyone crashes a turn or changes the tenant without an approval', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  let seededApproval = 'a-abcdef';
  let seededRun = 'r-abcdef';
  let conversation = 0;

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant });
    await harness.post(
      messageActivity('policy create edr --target configmgr --name "Fuzz seed" --sample-sharing all', {
        serviceUrl: harness.connector.url,
        from: ALEX,
      }),
    );
    const [record] = await harness.services.approvals.store.list();
    if (!record) throw new Error('the seed change request was not stored');
    seededApproval = record.id;
    seededRun = record.runId;
  });
  afterAll(async () => {
    await harness?.close();
    await tenant?.close();
  });

  function activityFor(activity: Record<string, unknown>, tenantCase: TenantCase): Record<string, unknown> {
    const conv = activity.conversation as Record<string, unknown>;
    if (tenantCase === 'foreign') {
      activity.channelData = { tenant: { id: '5b0c4e9a-3f21-4d8e-9b6a-7c1d2e3f4a5b' } };
      conv.tenantId = '5b0c4e9a-3f21-4d8e-9b6a-7c1d2e3f4a5b';
    } else if (tenantCase === 'missing') {
      activity.channelData = {};
      delete conv.tenantId;
    } else if (tenantCase === 'conflicting') {
      activity.channelData = { tenant: { id: TEST_TENANT_ID } };
      conv.tenantId = '5b0c4e9a-3f21-4d8e-9b6a-7c1d2e3f4a5b';
    }
    return activity;
  }

  async function answersHelp(): Promise<void> {
    const conversationId = `a:fuzz-help-${++conversation}`;
    const before = harness.connector.calls.length;
    const response = await harness.post(
      messageActivity('help', { serviceUrl: harness.connector.url, from: ISAIAH, conversationId }),
    );
    expect(response.status).toBe(200);
    const reply = JSON.stringify(harness.connector.calls.slice(before));
    expect(reply).toContain('AttachOps commands');
  }

  it(
    'random messages: never 5xx, never the generic error card, and help still answers',
    async () => {
      await fc.assert(
        fc.asyncProperty(text, fc.constantFrom(...CALLERS), fc.constantFrom(...TENANTS), async (typed, from, where) => {
          const conversationId = `a:fuzz-${++conversation}`;
          const before = harness.connector.calls.length;
          const activity = activityFor(
            messageActivity(typed, { serviceUrl: harness.connector.url, from, conversationId }),
            where,
          );
          const response = await harness.post(activity);
          expect(response.status).toBeLessThan(500);
          expect(harness.connector.calls.length, 'every message is answered').toBeGreaterThan(before);
          const replies = JSON.stringify(harness.connector.calls.slice(before));
          expect(replies).not.toContain(GENERIC);
          if (where !== 'home') expect(replies).toContain('does not serve your organisation');
          await answersHelp();
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'random card actions: every invoke answered 200 with a card, never the generic error card',
    async () => {
      const ids = fc.oneof(
        fc.constant(seededApproval),
        fc.constant(seededRun),
        fc.constantFrom('a-abcdef', 'r-abcdef', 'a-', '', 'A-ABCDEF'),
        fc.string({ maxLength: 30 }),
      );
      const data = fc.oneof(
        fc.record({ approvalId: ids }),
        fc.record({ approvalId: ids, reason: fc.string({ maxLength: 50 }) }),
        fc.record({ runId: ids }),
        fc.record({
          profile: fc.constantFrom('edr', 'antivirus', 'all', 'x'),
          collection: fc.string({ maxLength: 10 }),
        }),
        fc.record({ command: fc.oneof(fc.constantFrom(...commandWords), fc.string()) }),
        fc.record({ page: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
        fc.anything({ maxDepth: 2 }),
      );
      const verbNames = [...verbs.map((verb) => verb.verb), 'frobnicate', '', 'constructor', '__proto__', 'toString'];
      const value = fc.oneof(
        {
          weight: 5,
          arbitrary: fc.record({
            action: fc.record({
              type: fc.constantFrom('Action.Execute', 'Action.Execute', 'Action.Submit'),
              verb: fc.constantFrom(...verbNames),
              data,
            }),
            trigger: fc.constantFrom('manual', 'automatic'),
          }),
        },
        { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
      );
      await fc.assert(
        fc.asyncProperty(value, fc.constantFrom(...CALLERS), fc.constantFrom(...TENANTS), async (sent, from, where) => {
          const activity = activityFor(
            invokeActivity('help.all', {}, { serviceUrl: harness.connector.url, from }),
            where,
          );
          activity.value = sent;
          const response = await harness.post(activity);
          expect(response.status).toBe(200);
          const body = response.body as { type?: unknown; value?: { type?: unknown } };
          expect(body.type).toBe(CARD_TYPE);
          expect(body.value?.type).toBe('AdaptiveCard');
          expect(JSON.stringify(body)).not.toContain(GENERIC);
          await answersHelp();
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );

  it('no tenant write happened without an approval by someone other than the requester', async () => {
    await harness.services.runs.stop();
    const writes = (await tenant.requests()).filter(
      (entry) =>
        entry.method !== 'GET' &&
        !/^\/_sandbox\//.test(entry.path) &&
        !/\/oauth2\/v2\.0\/token$|\/\$batch$|\.GetTenantCollectionMapping$/.test(entry.path),
    );
    const approved = (await harness.services.approvals.store.list()).filter((record) => record.status === 'approved');
    for (const record of approved) {
      expect(record.approvals.some((vote) => sameObjectId(vote.by.aadObjectId, record.requestedBy.aadObjectId))).toBe(
        false,
      );
    }
    if (approved.length === 0) expect(writes).toEqual([]);
  });
});
