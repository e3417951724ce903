import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStorage } from '../../adapters/blob/blob-storage.js';
import type { Storage } from '../../core/ports/storage.js';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { type BotProcess, buildOnce, kill, postActivity, startBotProcess, waitUntil } from '../support/bot-process.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CHANNEL = '19:drift-two@thread.tacv2';
const PORTAL_POLICY = 'EDR - Finance (portal)';
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const LEASE_MS = 3_000;
/** Short enough that "within one interval" is the real timer, not `drift check`. */
const DRIFT_INTERVAL_MS = 200;
const TIMEOUT_MS = 30_000;

/**
 * Two built bots on one Azurite container and one sandbox, both running the drift watch on its real timer: a portal
 * edit gives exactly one card in the channel, and a second edit updates that card in place, even when the instance that
 * posted it is killed in between and the other one takes the watch over.
 */
describe('drift watch on two instances sharing storage and a sandbox tenant', () => {
  let azurite: Azurite;
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let storage: Storage;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    [azurite, tenant, connector] = await Promise.all([
      startAzurite(),
      startSandboxTenant({ scenario: 'ready' }),
      startRecordingConnector(),
      buildOnce(),
    ]);
    const env = {
      ...tenant.env,
      LOG_LEVEL: 'warn',
      STORAGE: 'blob',
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      STORAGE_CONTAINER: 'drift-two',
      LEASE_DURATION: `${LEASE_MS}ms`,
      SCHEDULER_TICK: '100ms',
      DRIFT_INTERVAL: `${DRIFT_INTERVAL_MS}ms`,
      APPROVERS: 'group:AttachOps-Approvers',
      APPROVALS_CHANNEL: CHANNEL,
    };
    bots.push(...(await Promise.all([startBotProcess(env), startBotProcess(env)])));
    storage = await createBlobStorage({
      container: BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('drift-two'),
    });
  }, 180_000);

  afterAll(async () => {
    for (const bot of bots) await kill(bot);
    await connector?.close();
    await tenant?.close();
    await azurite?.close();
  });

  const from = (): { serviceUrl: string } => ({ serviceUrl: connector.url });
  const driftCalls = (): typeof connector.calls =>
    connector.calls.filter(
      (call) => call.conversationId === CHANNEL && call.status < 300 && JSON.stringify(call.body).includes('Drift on'),
    );
  const driftPosts = (): typeof connector.calls => driftCalls().filter((call) => call.method === 'POST');
  const lastCycleAt = async (): Promise<string> =>
    String((((await storage.get('drift/last-cycle'))?.value ?? {}) as { at?: unknown }).at ?? '');
  /** The instance holding the scheduler lease (the one that watches): its holder name carries its pid. */
  async function leader(): Promise<BotProcess | undefined> {
    const holder = String(
      (((await storage.get('lease/compliance-scheduler'))?.value ?? {}) as { holder?: unknown }).holder,
    );
    return bots.find((bot) => holder.split(':')[1] === String(bot.child.pid));
  }
  /** Synchronises on the watch itself: `cycles` more cycles have started since now (each stamps drift/last-cycle). */
  async function cyclesPass(cycles: number): Promise<void> {
    const seen = new Set([await lastCycleAt()]);
    await waitUntil(
      async () => {
        seen.add(await lastCycleAt());
        return seen.size > cycles;
      },
      TIMEOUT_MS,
      `${cycles} drift cycles`,
    );
  }

  it('one card per episode across both instances: posted once, updated in place by the other after a kill', async () => {
    const [a, b] = bots;
    if (!a || !b) throw new Error('two bots');
    await postActivity(
      a,
      messageActivity('help', { ...from(), from: MEGAN, place: 'channel', conversationId: CHANNEL }),
    );
    const [policy] = await tenant.tenant.policies.list({ nameContains: PORTAL_POLICY });
    const policyId = policy?.id ?? '';
    expect(policyId).not.toBe('');

    await postActivity(a, messageActivity(`watch "${PORTAL_POLICY}"`, { ...from(), from: ALEX }));
    let approvalId = '';
    await connector.waitFor(() => {
      approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(JSON.stringify(connector.calls))?.[1] ?? '';
      return approvalId !== '';
    }, TIMEOUT_MS);
    const approved = await postActivity(
      b,
      invokeActivity('approval.approve', { approvalId }, { ...from(), from: MEGAN }),
    );
    expect(approved.status).toBe(200);
    const baselineKey = `drift/baselines/${policyId.toLowerCase()}`;
    await waitUntil(
      async () => JSON.stringify((await storage.get(baselineKey))?.value ?? {}).includes(approvalId),
      TIMEOUT_MS,
      'the adopted baseline',
    );
    await cyclesPass(2);
    expect(driftPosts()).toHaveLength(0);

    await tenant.control('POST', `portal/policies/${policyId}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    const editedAt = Date.now();
    await connector.waitFor(() => driftPosts().length > 0, TIMEOUT_MS);
    const detectedMs = Date.now() - editedAt;
    const first = JSON.stringify(driftPosts()[0]?.body);
    expect(first).toContain(`${SAMPLE_SHARING}: ${SAMPLE_SHARING}_1 → ${SAMPLE_SHARING}_0`);
    expect(first).toContain('megan.bowen@contoso.example (a person) at ');
    await cyclesPass(3);
    expect(driftPosts(), 'both instances ran cycles after the card; still one post').toHaveLength(1);

    const posting = await leader();
    expect(posting, 'one of the two instances holds the scheduler lease').toBeDefined();
    if (posting) await kill(posting);
    const survivor = bots.find((bot) => bot !== posting);
    await tenant.control('POST', `portal/policies/${policyId}/rename`, {
      name: 'EDR - Finance (renamed in the portal)',
      actor: 'adele.vance@contoso.example',
    });
    await connector.waitFor(
      () =>
        driftCalls().some(
          (call) =>
            call.method === 'PUT' && JSON.stringify(call.body).includes('EDR - Finance (renamed in the portal)'),
        ),
      TIMEOUT_MS,
    );
    await waitUntil(async () => (await leader()) === survivor, TIMEOUT_MS, 'the other instance to lead');
    await cyclesPass(3);
    const updated = driftCalls().filter((call) => call.method === 'PUT');
    const last = JSON.stringify(updated.at(-1)?.body);
    expect(last).toContain(`${SAMPLE_SHARING}: ${SAMPLE_SHARING}_1 → ${SAMPLE_SHARING}_0`);
    expect(last).toContain('adele.vance@contoso.example (a person) at ');
    expect(driftPosts(), 'the second edit updated the card; it never posted another').toHaveLength(1);
    const cardId = /"episodeId":"(d-[a-z0-9]+)"/.exec(first)?.[1];
    for (const call of updated) expect(JSON.stringify(call.body)).toContain(`"episodeId":"${cardId}"`);
    const episodes = await storage.list('drift/cards/');
    expect(episodes).toHaveLength(1);
    console.log(
      `drift two instances: card ${detectedMs} ms after the portal edit (DRIFT_INTERVAL ${DRIFT_INTERVAL_MS} ms)`,
    );
  }, 120_000);
});
