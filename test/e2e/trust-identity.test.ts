import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import type { Storage } from '../../core/ports/storage.js';
import { ALEX, invokeActivity, MEGAN, messageActivity, PATTI, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

/** Signed in to Teams in the home tenant, but not in its directory (a deleted user, a guest not yet synced). */
const STRANGER: TestUser = {
  id: '29:stranger',
  name: 'Sam Stranger',
  aadObjectId: '9d3c6e2a-1b7f-4c55-8a90-0f1e2d3c4b5a',
};
const FOREIGN_TENANT = '5b0c4e9a-3f21-4d8e-9b6a-7c1d2e3f4a5b';
const GENERIC = 'Something went wrong on my side';

type Tweak = (activity: Record<string, unknown>) => void;

describe('trust at the door: strange callers and identity tricks, through the endpoint against the sandbox', () => {
  let tenant: SandboxTenant;
  let storage: Storage;
  let harness: TestBot;
  let conversation = 0;

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    storage = createMemoryStorage();
    harness = await startBot();
  });
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  const startBot = () => startTestBot({ tenant: tenant.tenant, storage, env: { APPROVAL_QUORUM: '2' } });

  async function say(from: TestUser, text: string, tweak?: Tweak): Promise<string> {
    const conversationId = `a:trust-${++conversation}`;
    const before = harness.connector.calls.length;
    const activity = messageActivity(text, { serviceUrl: harness.connector.url, from, conversationId });
    tweak?.(activity);
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    await harness.connector.waitFor(
      (calls) => calls.slice(before).some((call) => call.conversationId === conversationId),
      15_000,
    );
    return JSON.stringify(harness.connector.calls.slice(before).filter((c) => c.conversationId === conversationId));
  }

  async function click(from: TestUser, verb: string, data: unknown, tweak?: Tweak) {
    const activity = invokeActivity(verb, data, { serviceUrl: harness.connector.url, from });
    tweak?.(activity);
    const response = await harness.post(activity);
    return { status: response.status, text: JSON.stringify(response.body) };
  }

  async function requestChange(name: string): Promise<string> {
    const reply = await say(ALEX, `policy create edr --target configmgr --name "${name}" --sample-sharing all`);
    const id = /"approvalId":"(a-[a-z0-9]+)"/.exec(reply)?.[1];
    expect(id, reply.slice(0, 600)).toBeDefined();
    return id!;
  }

  const record = async (id: string) => (await harness.services.approvals.get(id))!;
  const withTenant =
    (channelDataTenant: string | undefined, conversationTenant: string | undefined): Tweak =>
    (activity) => {
      activity.channelData = channelDataTenant === undefined ? {} : { tenant: { id: channelDataTenant } };
      const conv = activity.conversation as Record<string, unknown>;
      if (conversationTenant === undefined) delete conv.tenantId;
      else conv.tenantId = conversationTenant;
    };

  it('serves an unknown caller help, and a clear card for every other command and button', async () => {
    expect(await say(STRANGER, 'help')).toContain('AttachOps commands');
    for (const text of ['check', 'collections', 'policy create edr --target intune --name x', 'approvals', 'runs']) {
      const reply = await say(STRANGER, text);
      expect(reply, text).toContain('The directory does not know you');
      expect(reply, text).toContain('ROLE_ADMINS');
      expect(reply, text).not.toContain(GENERIC);
    }
    const approvalId = await requestChange('EDR after a stranger');
    for (const verb of ['approval.approve', 'approval.reject', 'approval.refresh', 'run.verify', 'check.rerun']) {
      const data = verb.startsWith('approval')
        ? { approvalId }
        : verb === 'run.verify'
          ? { runId: 'r-abcdef' }
          : { profile: 'edr' };
      const answer = await click(STRANGER, verb, data);
      expect(answer.status, verb).toBe(200);
      expect(answer.text, verb).toContain('The directory does not know you');
    }
    expect((await record(approvalId)).approvals).toEqual([]);
  });

  it('a change request right after an unknown caller, and after a restart, gets its approval card and views', async () => {
    await say(STRANGER, 'check');
    const approvalId = await requestChange('EDR right after');
    const view = await click(MEGAN, 'approval.refresh', { approvalId });
    expect(view.text).toContain('approval.approve');
    expect((await storage.list('user/')).map((item) => item.key)).not.toContain(`user/${STRANGER.aadObjectId}`);

    // What an older version stored for such a caller must not poison anything either.
    await storage.put(`user/${STRANGER.aadObjectId}`, {
      aadObjectId: STRANGER.aadObjectId,
      channelUserId: STRANGER.id,
      name: STRANGER.name,
    });
    await storage.put('user/garbage', { aadObjectId: 'not-a-guid', channelUserId: '29:x', name: 'x' });
    await harness.close();
    harness = await startBot();
    const afterRestart = await requestChange('EDR after restart');
    expect((await click(MEGAN, 'approval.refresh', { approvalId: afterRestart })).text).toContain('approval.approve');
    expect((await click(MEGAN, 'approval.approve', { approvalId: afterRestart })).status).toBe(200);
    expect((await record(afterRestart)).approvals).toHaveLength(1);
  });

  it('the same object id in another letter case is the same person for every rule', async () => {
    const shouting = (user: TestUser): TestUser => ({ ...user, aadObjectId: user.aadObjectId!.toUpperCase() });
    const approvalId = await requestChange('EDR case test');
    const self = await click(shouting(ALEX), 'approval.approve', { approvalId });
    expect(self.text).toMatch(/cannot decide your own request|needs the approver role/);
    expect((await click(MEGAN, 'approval.approve', { approvalId })).status).toBe(200);
    const again = await click(shouting(MEGAN), 'approval.approve', { approvalId });
    expect(again.text).toContain('already counted');
    expect(await record(approvalId)).toMatchObject({ status: 'pending', approvals: [{}] });
    const cancel = await click(shouting(ALEX), 'approval.cancel', { approvalId });
    expect(cancel.text).not.toContain('can cancel this request');
    expect((await record(approvalId)).status).toBe('cancelled');
  });

  it.each([
    ['another tenant in both fields', withTenant(FOREIGN_TENANT, FOREIGN_TENANT)],
    ['no tenant at all', withTenant(undefined, undefined)],
    ['home in one field, another tenant in the other', withTenant(FOREIGN_TENANT.toUpperCase(), undefined)],
    ['two different tenants', withTenant('00000000-0000-0000-0000-000000000001', FOREIGN_TENANT)],
    ['a tenant that is not an id', withTenant('contoso.onmicrosoft.com', undefined)],
  ])('refuses %s: a card with the reason, nothing stored, nothing approved', async (_case, tweak) => {
    const approvalId = await requestChange(`EDR foreign ${++conversation}`);
    const usersBefore = (await storage.list('user/')).length;
    const reply = await say(MEGAN, 'approvals', tweak);
    expect(reply).toContain('AttachOps does not serve your organisation');
    expect(reply).not.toContain(GENERIC);
    const approve = await click(PATTI, 'approval.approve', { approvalId }, tweak);
    expect(approve.status).toBe(200);
    expect(approve.text).toContain('AttachOps does not serve your organisation');
    expect((await record(approvalId)).approvals).toEqual([]);
    expect((await storage.list('user/')).length).toBe(usersBefore);
    const audited = (await harness.services.audit.read()).filter((entry) => entry.action === 'access.tenant-refused');
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('a caller with no or a malformed object id gets help and a clear refusal, never an error', async () => {
    const noId: TestUser = { id: '29:no-id', name: 'No Id' };
    const badId: TestUser = { id: '29:bad-id', name: 'Bad Id', aadObjectId: "x' or 1 eq 1" };
    for (const user of [noId, badId]) {
      expect(await say(user, 'help')).toContain('AttachOps commands');
      const reply = await say(user, 'check');
      expect(reply).toContain('carried no Azure AD identity');
      expect(reply).not.toContain(GENERIC);
    }
  });

  it.each([
    ['a string', 'approve'],
    ['a number', 42],
    ['an empty object', {}],
    ['a null action', { action: null }],
    ['an action without a verb', { action: { type: 'Action.Execute' } }],
    ['an array', [1, 2]],
  ])('answers an invoke whose value is %s with an error card, never 5xx', async (_case, value) => {
    const activity = invokeActivity('help.all', {}, { serviceUrl: harness.connector.url, from: ALEX });
    activity.value = value;
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('That action could not be run');
  });

  it('answers an invoke of a kind it does not handle with a card', async () => {
    const activity = invokeActivity('help.all', {}, { serviceUrl: harness.connector.url, from: ALEX });
    activity.name = 'composeExtension/query';
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('not one I handle');
  });

  it('the same Approve invoke replayed 20 times counts once', async () => {
    const approvalId = await requestChange('EDR replayed');
    const activity = invokeActivity(
      'approval.approve',
      { approvalId },
      { serviceUrl: harness.connector.url, from: MEGAN },
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => harness.post(activity)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(await record(approvalId)).toMatchObject({ status: 'pending', approvals: [{}] });
  });
});
