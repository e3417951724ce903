import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import {
  buildOnce,
  kill,
  postActivity,
  startBotProcess,
  storedValues,
  waitUntil,
  type BotProcess,
} from '../support/bot-process.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CHANNEL = '19:drift-kill@thread.tacv2';
const CHAT = 'a:personal-drift-kill';
const POLICY = 'EDR killed before its baseline';
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
/**
 * Latency on reading a policy's assignments, set before the approval: the baseline recorder reads them once the run has
 * ended done, so the kill lands between the run stored done and the baseline stored. Set before the create is even
 * sent, so no run can end and record its baseline before the latency is in place (set after the create's answer, a
 * fast run raced the rule). Items of a $batch are slowed by the same rule (sandbox/graph/batch-route.ts).
 */
const SLOW_READ_MS = 5_000;
const SLOW_ASSIGNMENT_READS = `route=/graph/beta/deviceManagement/configurationPolicies/*/assignments;kind=latency;ms=${SLOW_READ_MS};method=GET`;
const TIMEOUT_MS = 60_000;

interface StoredRun {
  id: string;
  status: string;
  steps: { input: { approvalId?: string } }[];
}

/** SIGKILL after the create run's write and before its baseline is recorded: the restarted bot catches up. */
describe('drift baseline catch-up after kill -9', () => {
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let dataDir: string;
  let bot: BotProcess | undefined;

  const start = (): Promise<BotProcess> =>
    startBotProcess({
      ...tenant.env,
      DATA_DIR: dataDir,
      DRIFT_INTERVAL: '200ms',
      SCHEDULER_TICK: '100ms',
      APPROVERS: 'group:AttachOps-Approvers',
      APPROVALS_CHANNEL: CHANNEL,
    });

  beforeAll(async () => {
    await buildOnce();
    [tenant, connector] = await Promise.all([startSandboxTenant({ scenario: 'ready' }), startRecordingConnector()]);
    dataDir = await mkdtemp(join(tmpdir(), 'attachops-drift-kill-'));
    bot = await start();
  }, 360_000);

  afterAll(async () => {
    if (bot) await kill(bot);
    await connector?.close();
    await tenant?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const live = (): BotProcess => {
    if (!bot) throw new Error('no bot process');
    return bot;
  };
  const runs = async (): Promise<StoredRun[]> => (await storedValues(dataDir, 'run/')) as StoredRun[];
  const baselines = async (): Promise<unknown[]> => storedValues(dataDir, 'drift/baselines/');

  it('the baseline is recorded after restart, and a later portal edit is posted', async () => {
    await postActivity(
      live(),
      messageActivity('help', { serviceUrl: connector.url, conversationId: CHANNEL, from: MEGAN, place: 'channel' }),
    );
    await postActivity(
      live(),
      messageActivity(`policy create edr --target configmgr --name "${POLICY}" --sample-sharing all`, {
        serviceUrl: connector.url,
        conversationId: CHAT,
        from: ALEX,
      }),
    );
    let run: StoredRun | undefined;
    await waitUntil(
      async () => {
        run = (await runs())[0];
        return run !== undefined;
      },
      TIMEOUT_MS,
      'the create run',
    );
    const approvalId = run?.steps[0]?.input.approvalId ?? '';
    const slowed = await tenant.control('POST', 'faults', { spec: SLOW_ASSIGNMENT_READS });
    expect(slowed.status).toBe(201);
    const click = invokeActivity(
      'approval.approve',
      { approvalId },
      { serviceUrl: connector.url, conversationId: CHAT, from: MEGAN },
    );
    expect((await postActivity(live(), click)).status).toBe(200);

    await waitUntil(
      async () => (await runs()).find((candidate) => candidate.id === run?.id)?.status === 'done',
      TIMEOUT_MS,
      'the create run done',
    );
    await kill(live());
    bot = undefined;
    expect(await baselines(), 'killed before the baseline was stored').toEqual([]);
    expect(await storedValues(dataDir, 'drift/pending-baselines/')).toEqual([{ runId: run?.id }]);
    for (const rule of (slowed.json as { rules: { id: number }[] }).rules) {
      expect((await tenant.control('DELETE', `faults/${rule.id}`)).status).toBe(204);
    }

    bot = await start();
    await waitUntil(async () => (await baselines()).length === 1, TIMEOUT_MS, 'the baseline caught up');
    expect((await baselines())[0]).toMatchObject({ runId: run?.id, approvalId, state: { name: POLICY } });
    await waitUntil(
      async () => (await storedValues(dataDir, 'drift/pending-baselines/')).length === 0,
      TIMEOUT_MS,
      'the pending mark cleared',
    );

    const [policy] = (await tenant.tenant.policies.list({ nameContains: POLICY })).filter((p) => p.name === POLICY);
    await tenant.control('POST', `portal/policies/${policy?.id ?? ''}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    const driftPosts = () =>
      connector.calls.filter(
        (call) =>
          call.method === 'POST' &&
          call.conversationId === CHANNEL &&
          JSON.stringify(call.body).includes(`Drift on policy ${POLICY}`),
      );
    await connector.waitFor(() => driftPosts().length > 0, TIMEOUT_MS);
    expect(JSON.stringify(driftPosts()[0]?.body)).toContain(
      `${SAMPLE_SHARING}: ${SAMPLE_SHARING}_1 → ${SAMPLE_SHARING}_0`,
    );
  }, 180_000);
});
