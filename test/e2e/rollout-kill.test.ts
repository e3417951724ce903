import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity, type TestUser } from '../support/activities.js';
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

const CONVERSATION = 'a:personal-rollout-kill';
/** The shortest soak `rollout` takes; the built bot runs on the real clock, so this test lasts at least that long. */
const SOAK_MS = 60_000;

interface StoredStep {
  id: string;
  kind: string;
  state: string;
  startedAt?: string;
  input: { approvalId?: string };
  wait?: { checks: number; state: { assignedAt: string; last?: { at: string } } };
}
interface StoredRun {
  id: string;
  title: string;
  status: string;
  steps: StoredStep[];
}

/** kill -9 of the built bot while a ring soaks: the restarted process goes on with the same soak and gate. */
describe('killing the bot while a rollout ring soaks', () => {
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let dataDir: string;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    await buildOnce();
    tenant = await startSandboxTenant({ scenario: 'ready' });
    connector = await startRecordingConnector();
    dataDir = await mkdtemp(join(tmpdir(), 'attachops-rollout-kill-'));
    bot = await start();
  }, 360_000);

  afterAll(async () => {
    if (bot) await kill(bot);
    await connector?.close();
    await tenant?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const start = () =>
    startBotProcess({ ...tenant.env, DATA_DIR: dataDir, ROLLOUT_CHECK_INTERVAL: '250ms', GRAPH_TIMEOUT: '2000ms' });
  const live = (): BotProcess => {
    if (!bot) throw new Error('no bot process');
    return bot;
  };
  const runs = async (): Promise<StoredRun[]> => (await storedValues(dataDir, 'run/')) as StoredRun[];
  const runState = async (runId: string) => (await runs()).find((candidate) => candidate.id === runId);

  async function say(text: string, from: TestUser = ALEX): Promise<void> {
    const message = messageActivity(text, { serviceUrl: connector.url, conversationId: CONVERSATION, from });
    expect((await postActivity(live(), message)).status).toBe(200);
  }

  async function requestAndApprove(text: string): Promise<StoredRun> {
    const before = new Set((await runs()).map((run) => run.id));
    await say(text);
    let run: StoredRun | undefined;
    await waitUntil(
      async () => {
        run = (await runs()).find((candidate) => !before.has(candidate.id));
        return run !== undefined;
      },
      20_000,
      `a run for "${text}"`,
    );
    const approvalId = run?.steps[0]?.input.approvalId ?? '';
    const click = invokeActivity(
      'approval.approve',
      { approvalId },
      { serviceUrl: connector.url, conversationId: CONVERSATION, from: MEGAN },
    );
    expect((await postActivity(live(), click)).status).toBe(200);
    return run as StoredRun;
  }

  it('goes on after a restart: ring 1 assigned once, the gate after the same soak, ring 2 assigned once', async () => {
    const create = await requestAndApprove(
      'policy create edr --target configmgr --name "EDR rings kill" --sample-sharing all',
    );
    await waitUntil(async () => (await runState(create.id))?.status === 'done', 30_000, 'the policy created');
    const [policy] = (await tenant.tenant.policies.list({ nameContains: 'EDR rings kill' })).filter(
      (one) => one.name === 'EDR rings kill',
    );
    const policyId = policy?.id ?? '';
    const outcomes = { collectionId: 'PS100015', compliant: 1, nonCompliant: 0, failed: 0, reportDelaySeconds: 0 };
    expect((await tenant.control('POST', 'compliance/outcomes', outcomes)).status).toBe(200);

    const rollout = await requestAndApprove(
      'rollout "EDR rings kill" --ring "pilot=PS100015" --ring "broad=PS100042" --soak 1m --auto',
    );
    const gate = (run: StoredRun | undefined) => run?.steps.find((step) => step.kind === 'rollout-gate');
    await waitUntil(
      async () => (gate(await runState(rollout.id))?.wait?.checks ?? 0) >= 2,
      30_000,
      'ring 1 soaking, looked at twice',
    );
    const assignedAt = gate(await runState(rollout.id))?.wait?.state.assignedAt ?? '';

    await kill(live());
    bot = await start();

    await waitUntil(
      async () => (await runState(rollout.id))?.status === 'done',
      SOAK_MS + 60_000,
      'the rollout done after the restart',
    );
    const run = await runState(rollout.id);
    expect(gate(run)?.wait?.state.assignedAt, 'the same soak, not a new one').toBe(assignedAt);
    const lastLook = Date.parse(gate(run)?.wait?.state.last?.at ?? '');
    expect(lastLook).toBeGreaterThanOrEqual(Date.parse(assignedAt) + SOAK_MS);
    const ring2 = run?.steps.filter((step) => step.kind === 'policy-assign')[1];
    expect(Date.parse(ring2?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(assignedAt) + SOAK_MS);

    const assigns = (await tenant.requests()).filter(
      (entry) => entry.method === 'POST' && entry.path.endsWith(`/${policyId}/assign`),
    );
    expect(assigns.map((entry) => entry.status)).toEqual([200, 200]);
    const targets = (await tenant.tenant.policies.getAssignments(policyId)).map((target) =>
      target.kind === 'collection' ? target.collectionId : target.kind,
    );
    expect(targets).toEqual(['PS100015', 'PS100042']);
  }, 300_000);
});
