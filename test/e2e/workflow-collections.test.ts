import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxRequest } from '../support/sandbox-tenant.js';
import { startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

/** A page of 20 rows: one collection query, the attach state, at most one Cloud Sync read per row. */
const MAX_UPSTREAM_CALLS_PER_PAGE = 22;
/**
 * The first page also counts the 10,015 collections in three parallel rounds (adapters/adminservice/count-by-probing.ts):
 * the first 1,000 ids with two far probes, four narrowing probes, then the three windows left.
 */
const COUNT_CALLS_FOR_10_015 = 10;

function collectionIds(card: string): string[] {
  return [...card.matchAll(/\b(PS1[0-9A-F]{5}|SMS[0-9A-Z]{5})\b/g)].map((match) => match[1] ?? '');
}

/**
 * Answered AdminService and Intune calls; the NTLM challenge (401) in front of each is not a call of its own, and the
 * directory reads that decide the caller's role are not part of the listing.
 */
function upstream(requests: readonly SandboxRequest[]): SandboxRequest[] {
  return requests.filter(
    (request) =>
      (request.path.startsWith('/AdminService/') || request.path.startsWith('/graph/beta/deviceManagement/')) &&
      request.status < 400,
  );
}

describe('collections in the large scenario (10,000 collections)', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({ scenario: 'large' });
  });
  afterAll(async () => {
    await chat.close();
  });

  it('answers with the first page from a bounded number of upstream calls, then pages on through the Next page button', async () => {
    await chat.tenant.control('DELETE', 'requests');
    const first = await chat.say('collections');
    const firstCalls = upstream(await chat.tenant.requests());
    const firstIds = new Set(collectionIds(first));
    expect(firstIds.size).toBe(20);
    expect(first).toContain('collections.page');
    expect(first).toContain('10,015 collections · page 1 of 501');
    expect(firstCalls.length).toBeLessThanOrEqual(MAX_UPSTREAM_CALLS_PER_PAGE + COUNT_CALLS_FOR_10_015);
    expect(firstCalls.filter((request) => request.path === '/AdminService/wmi/SMS_Collection')).toHaveLength(
      1 + COUNT_CALLS_FOR_10_015,
    );

    const replyId = chat.harness.connector.calls.at(-1)?.answeredId ?? '';
    await chat.tenant.control('DELETE', 'requests');
    const second = await chat.press('collections.page', { page: 2, total: 10_015 }, replyId);
    const secondCalls = upstream(await chat.tenant.requests());
    const secondIds = collectionIds(second);
    expect(new Set(secondIds).size).toBe(20);
    expect(secondIds.filter((id) => firstIds.has(id))).toEqual([]);
    expect(second).toContain('"page":3');
    expect(second).toContain('10,015 collections · page 2 of 501');
    expect(secondCalls.length).toBeLessThanOrEqual(MAX_UPSTREAM_CALLS_PER_PAGE);
    expect(secondCalls.filter((request) => request.path === '/AdminService/wmi/SMS_Collection')).toHaveLength(1);
  });

  it('counts all 10,015 when the AdminService answers at most 250 rows at a time (its real page limit is unknown)', async () => {
    const limited = await chat.tenant.control('POST', 'adminservice/page-limit', { rows: 250 });
    expect(limited.status).toBe(200);
    try {
      await chat.tenant.control('DELETE', 'requests');
      const first = await chat.say('collections');
      expect(first).toContain('10,015 collections · page 1 of 501');
      const reads = upstream(await chat.tenant.requests()).filter(
        (request) => request.path === '/AdminService/wmi/SMS_Collection',
      );
      const asked = reads.map((request) => Number(new URLSearchParams(request.query).get('$top') ?? 0));
      expect(
        asked.filter((top) => top > 250),
        'after the first window, the count reads in windows of the 250 rows the server answers',
      ).toEqual([1000]);
    } finally {
      await chat.tenant.control('POST', 'adminservice/page-limit', { rows: 1000 });
    }
  });
});
