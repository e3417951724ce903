import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRecord } from '../../core/approvals/approval-record.js';
import { ApprovalStore } from '../../core/approvals/approval-store.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { ALEX, ISAIAH, type TestUser } from '../support/activities.js';
import { cardAfterClicking, cardAfterSaying } from '../support/card-turns.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { visibleCardTexts } from '../support/visible-card-text.js';

const SEEDED = 14;
const isaiah = { aadObjectId: ISAIAH.aadObjectId ?? 'isaiah', channelUserId: ISAIAH.id, name: 'Isaiah Langer' };
const minute = (index: number): string => new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();

interface ListCase {
  readonly name: string;
  readonly command: string;
  readonly verb: string;
  /** What each seeded item shows as, by its index. */
  readonly label: string;
  readonly olderTitle: string;
  /** Where the owner asks, and where a click that must be refused comes from (and from whom). */
  readonly here: string;
  readonly refused: { readonly from: TestUser; readonly conversationId: string; readonly title: string };
  seed(harness: TestBot, here: string): Promise<void>;
}

const CASES: readonly ListCase[] = [
  {
    name: 'runs: the same conversation only',
    command: 'runs',
    verb: 'runs.more',
    label: 'seeded run',
    olderTitle: 'Older runs',
    here: 'a:runs-more-here',
    refused: {
      from: ISAIAH,
      conversationId: 'a:runs-more-elsewhere',
      title: 'That More button belongs to another list',
    },
    async seed(harness, here) {
      for (let index = 0; index < SEEDED; index += 1) {
        const run: RunRecord = {
          id: `r-more${index}`,
          kind: 'test',
          title: `seeded run ${index}`,
          requestedBy: isaiah,
          conversationId: here,
          createdAt: minute(index),
          updatedAt: minute(index),
          status: 'done',
          resources: [],
          steps: [],
        };
        await harness.services.runs.store.create(run);
      }
    },
  },
  {
    name: 'approvals: your own requests only',
    command: 'approvals',
    verb: 'approvals.more',
    label: 'seeded request',
    olderTitle: 'Your earlier requests',
    here: 'a:approvals-more-isaiah',
    refused: { from: ALEX, conversationId: 'a:approvals-more-alex', title: 'That More button belongs to someone else' },
    async seed(harness, here) {
      const store = new ApprovalStore(harness.services.storage);
      for (let index = 0; index < SEEDED; index += 1) {
        const request: ApprovalRecord = {
          id: `a-more${index}`,
          runId: `r-more${index}`,
          plan: { kind: 'test', title: `seeded request ${index}`, intent: {}, changes: [], resources: [], steps: [] },
          planHash: 'h',
          requestedBy: isaiah,
          conversationId: here,
          createdAt: minute(index),
          expiresAt: minute(index),
          quorum: 1,
          status: 'approved',
          approvals: [],
          cards: [],
        };
        await store.create(request);
      }
    },
  },
];

/** A list card's More button through the real endpoint: an opaque token, honoured only for the list it was made for. */
describe.each(CASES)('$name, paged with the More button, through the bot', (list) => {
  let tenant: SandboxTenant;
  let harness: TestBot;

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant });
    await list.seed(harness, list.here);
  });
  afterAll(async () => {
    await harness?.close();
    await tenant?.close();
  });

  const text = (card: Record<string, unknown>) => visibleCardTexts(card).join('\n');
  const click = (from: TestUser, data: unknown, conversationId: string) =>
    cardAfterClicking(harness, from, list.verb, data, conversationId);
  const moreData = (card: Record<string, unknown>): unknown => {
    const verb = list.verb.replace('.', '\\.');
    return JSON.parse(JSON.stringify(card).match(new RegExp(`"verb":"${verb}","data":(\\{[^}]*\\})`))?.[1] ?? 'null');
  };

  it('shows the next page to its owner, and a named card to anyone else or for a forged token', async () => {
    const first = await cardAfterSaying(harness, ISAIAH, list.command, list.here);
    expect(text(first)).toContain(`${list.label} ${SEEDED - 1}`);
    expect(text(first)).not.toContain(`${list.label} 3\n`);
    const more = moreData(first);
    expect(more).toEqual({ continuation: expect.any(String) });

    const second = text(await click(ISAIAH, more, list.here));
    expect(second).toContain(list.olderTitle);
    expect(second).toContain(`${list.label} 3`);
    expect(second).toContain(`${list.label} 0`);
    expect(second).not.toContain(`${list.label} ${SEEDED - 1}`);

    const refused = text(await click(list.refused.from, more, list.refused.conversationId));
    expect(refused).toContain(list.refused.title);
    expect(refused).not.toContain(list.label);

    const forged = JSON.stringify(await click(ISAIAH, { continuation: 'bm90IGEgdG9rZW4' }, list.here));
    expect(forged).toContain('That More button no longer works');
    expect(forged).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });
});
