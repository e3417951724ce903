import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRecord } from '../../core/approvals/approval-record.js';
import { ApprovalStore } from '../../core/approvals/approval-store.js';
import { ALEX, ISAIAH, type TestUser } from '../support/activities.js';
import { cardAfterClicking, cardAfterSaying } from '../support/card-turns.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { visibleCardTexts } from '../support/visible-card-text.js';

const ISAIAHS_CHAT = 'a:approvals-more-isaiah';
const ALEXS_CHAT = 'a:approvals-more-alex';

/** The approvals card's More button through the real endpoint: a token honoured only for the person whose list it is. */
describe('approvals, your requests paged with the More button, through the bot', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant });
    const store = new ApprovalStore(harness.services.storage);
    for (let index = 0; index < 14; index += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
      const request: ApprovalRecord = {
        id: `a-more${index}`,
        runId: `r-more${index}`,
        plan: { kind: 'test', title: `seeded request ${index}`, intent: {}, changes: [], resources: [], steps: [] },
        planHash: 'h',
        requestedBy: { aadObjectId: ISAIAH.aadObjectId ?? 'isaiah', channelUserId: ISAIAH.id, name: 'Isaiah Langer' },
        conversationId: ISAIAHS_CHAT,
        createdAt: at,
        expiresAt: at,
        quorum: 1,
        status: 'approved',
        approvals: [],
        cards: [],
      };
      await store.create(request);
    }
  });
  afterAll(async () => {
    await harness?.close();
    await tenant?.close();
  });

  const say = (from: TestUser, text: string, conversationId: string) =>
    cardAfterSaying(harness, from, text, conversationId);
  const click = (from: TestUser, data: unknown, conversationId: string) =>
    cardAfterClicking(harness, from, 'approvals.more', data, conversationId);

  const text = (card: Record<string, unknown>) => visibleCardTexts(card).join('\n');
  const moreData = (card: Record<string, unknown>): unknown =>
    JSON.parse(JSON.stringify(card).match(/"verb":"approvals\.more","data":(\{[^}]*\})/)?.[1] ?? 'null');

  it('shows your earlier requests to you, and a named card to someone else or for a forged token', async () => {
    const first = await say(ISAIAH, 'approvals', ISAIAHS_CHAT);
    expect(text(first)).toContain('seeded request 13');
    expect(text(first)).not.toContain('seeded request 3\n');
    const more = moreData(first);
    expect(more).toEqual({ continuation: expect.any(String) });

    const second = text(await click(ISAIAH, more, ISAIAHS_CHAT));
    expect(second).toContain('Your earlier requests');
    expect(second).toContain('seeded request 3');
    expect(second).toContain('seeded request 0');
    expect(second).not.toContain('seeded request 13');

    const forwarded = text(await click(ALEX, more, ALEXS_CHAT));
    expect(forwarded).toContain('That More button belongs to someone else');
    expect(forwarded).not.toContain('seeded request');

    const forged = JSON.stringify(await click(ISAIAH, { continuation: 'bm90IGEgdG9rZW4' }, ISAIAHS_CHAT));
    expect(forged).toContain('That More button no longer works');
    expect(forged).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });
});
