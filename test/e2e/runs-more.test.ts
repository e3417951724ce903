import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/runs/run-record.js';
import { ISAIAH, type TestUser } from '../support/activities.js';
import { cardAfterClicking, cardAfterSaying } from '../support/card-turns.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { visibleCardTexts } from '../support/visible-card-text.js';

const HERE = 'a:runs-more-here';
const ELSEWHERE = 'a:runs-more-elsewhere';

/** The runs card's More button through the real endpoint: a token, checked against the clicker's conversation. */
describe('runs, paged with the More button, through the bot', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant });
    for (let index = 0; index < 14; index += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
      const run: RunRecord = {
        id: `r-more${index}`,
        kind: 'test',
        title: `seeded run ${index}`,
        requestedBy: { aadObjectId: ISAIAH.aadObjectId ?? 'isaiah', channelUserId: ISAIAH.id, name: 'Isaiah Langer' },
        conversationId: HERE,
        createdAt: at,
        updatedAt: at,
        status: 'done',
        resources: [],
        steps: [],
      };
      await harness.services.runs.store.create(run);
    }
  });
  afterAll(async () => {
    await harness?.close();
    await tenant?.close();
  });

  const say = (from: TestUser, text: string, conversationId: string) =>
    cardAfterSaying(harness, from, text, conversationId);
  const click = (from: TestUser, data: unknown, conversationId: string) =>
    cardAfterClicking(harness, from, 'runs.more', data, conversationId);

  const text = (card: Record<string, unknown>) => visibleCardTexts(card).join('\n');
  const moreData = (card: Record<string, unknown>): unknown =>
    JSON.parse(JSON.stringify(card).match(/"verb":"runs\.more","data":(\{[^}]*\})/)?.[1] ?? 'null');

  it('shows the next page to the same conversation, and a named card to another or for a forged token', async () => {
    const first = await say(ISAIAH, 'runs', HERE);
    expect(text(first)).toContain('seeded run 13');
    expect(text(first)).not.toContain('seeded run 3\n');
    const more = moreData(first);
    expect(more).toEqual({ continuation: expect.any(String) });

    const second = text(await click(ISAIAH, more, HERE));
    expect(second).toContain('Older runs');
    expect(second).toContain('seeded run 3');
    expect(second).toContain('seeded run 0');
    expect(second).not.toContain('seeded run 13');

    const elsewhere = text(await click(ISAIAH, more, ELSEWHERE));
    expect(elsewhere).toContain('That More button belongs to another list');
    expect(elsewhere).not.toContain('seeded run');

    const forged = JSON.stringify(await click(ISAIAH, { continuation: 'bm90IGEgdG9rZW4' }, HERE));
    expect(forged).toContain('That More button no longer works');
    expect(forged).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });
});
