import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { subscriptionStoreOf } from '../../bot/compliance/subscription-store-of.js';
import { ALEX, messageActivity } from '../support/activities.js';
import { FakeClock } from '../support/fake-clock.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { cardText, type ComplianceBot, rememberConversation, startComplianceBot } from './compliance-harness.js';

const POLICIES = 100;
const CONVERSATIONS = 300;

describe('compliance summaries at scale', () => {
  let sandbox: SandboxTenant;
  let connector: RecordingConnector;
  let harness: ComplianceBot;
  const storage = createMemoryStorage();
  const clock = new FakeClock();

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ scenario: 'ready' });
    // The connector's global limit sits well below what the bot may send, so the bot meets 429s even on a loaded
    // machine (at 100/s against 125/s a busy CI host never reached the limit and the test depended on its speed).
    connector = await startRecordingConnector({
      perConversationPerSecond: 1,
      globalPerSecond: 30,
      retryAfterSeconds: 1,
    });
    harness = await startComplianceBot({
      tenant: sandbox.tenant,
      storage,
      clock,
      connector,
      sendLimits: { globalPerSecond: 45 },
    });
    const { policies } = sandbox.tenant;
    for (let index = 0; index < POLICIES; index += 1) {
      const { id } = await policies.create({
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name: `EDR ring ${String(index).padStart(3, '0')}`,
        description: '',
        settings: {},
      });
      if (index % 10 === 0)
        await policies.assign(id, [{ kind: 'collection', collectionId: index % 20 === 0 ? 'PS100042' : 'PS100015' }]);
    }
    await sandbox.control('POST', 'clock/advance', { seconds: 15 * 60 });
  }, 120_000);

  afterAll(async () => {
    await harness.close();
    await connector.close();
    await sandbox.close();
  });

  it(`summarizes ${POLICIES} ConfigMgr policies with at most 5 Graph $batch requests plus the policy list`, async () => {
    await sandbox.control('DELETE', 'requests');
    await harness.post(
      messageActivity('compliance', {
        serviceUrl: connector.url,
        place: 'channel',
        conversationId: '19:scale@thread.tacv2',
        from: ALEX,
      }),
    );
    await connector.waitFor(() => connector.cards().length >= 1, 30_000);
    expect(cardText(connector.cards().at(-1))).toContain(`${POLICIES} policies`);
    const logged = (await sandbox.requests()).filter((request) => request.path.startsWith('/graph/'));
    const graph = logged.filter((request) => request.inBatch !== true);
    const batches = graph.filter((request) => request.path.endsWith('/$batch'));
    expect(batches).toHaveLength(Math.ceil(POLICIES / 20));
    const summaries = logged.filter((request) => request.inBatch === true && request.path.includes('getPolicySummary'));
    expect(summaries).toHaveLength(POLICIES);
    const deviceManagement = graph.filter((request) => request.path.includes('/deviceManagement/'));
    expect(deviceManagement.length).toBeGreaterThan(0);
    expect(
      deviceManagement.every((request) => request.method === 'GET' && request.path.includes('/configurationPolicies')),
    ).toBe(true);
    expect(graph.some((request) => request.path.includes('getPolicySummary'))).toBe(false);
  }, 60_000);

  it(`posts a scheduled summary to ${CONVERSATIONS} conversations in full through the connector's rate limits, reading Graph once`, async () => {
    const store = subscriptionStoreOf(storage);
    for (let index = 0; index < CONVERSATIONS; index += 1) {
      const conversationId = `19:team-${index}@thread.tacv2`;
      await rememberConversation(
        harness.references,
        messageActivity('hi', { serviceUrl: connector.url, place: 'channel', conversationId, from: ALEX }),
      );
      await store.add({
        id: `scale-${index}`,
        conversationId,
        schedule: { cron: '0 * * * *', timeZone: 'UTC', description: 'hourly' },
        policies: [],
        createdBy: { id: ALEX.aadObjectId ?? ALEX.id, name: ALEX.name },
        createdAt: clock.now().toISOString(),
        state: 'active',
      });
    }
    await sandbox.control('DELETE', 'requests');
    const before = connector.calls.length;
    clock.advance(60 * 60 * 1000);
    const round = await harness.scheduler.runDue();
    await harness.scheduler.idle();

    const calls = connector.calls.slice(before);
    const delivered = new Map<string, number>();
    for (const call of calls.filter((entry) => entry.status < 300))
      delivered.set(call.conversationId, (delivered.get(call.conversationId) ?? 0) + 1);
    expect(round).toMatchObject({ due: CONVERSATIONS, sent: CONVERSATIONS });
    expect(delivered.size).toBe(CONVERSATIONS);
    expect([...delivered.values()].every((count) => count === 1)).toBe(true);
    expect(calls.filter((entry) => entry.status === 429).length).toBeGreaterThan(0);
    expect(calls.every((entry) => entry.status === 200 || entry.status === 429)).toBe(true);

    const batches = (await sandbox.requests()).filter((request) => request.path.endsWith('/$batch'));
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(POLICIES / 20));
  }, 60_000);
});
