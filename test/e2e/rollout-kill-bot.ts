import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
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

/** The shortest soak `rollout` takes; the built bot runs on the real clock, so each kill test lasts at least that long. */
export const SOAK_MS = 60_000;

export interface StoredStep {
  id: string;
  kind: string;
  state: string;
  startedAt?: string;
  input: { approvalId?: string };
  wait?: { checks: number; state: { assignedAt: string; last?: { at: string } } };
}
export interface StoredApproval {
  id: string;
  runId: string;
  status: string;
  plan: { kind: string };
}
export interface StoredRun {
  id: string;
  title: string;
  status: string;
  steps: StoredStep[];
}

/** One built bot process over its own data directory, a sandbox tenant and a recording connector, for one kill test. */
export interface RolloutKillBot {
  readonly tenant: SandboxTenant;
  readonly connector: RecordingConnector;
  readonly dataDir: string;
  readonly conversation: string;
  live(): BotProcess;
  /** kill -9, then a new process on the same data directory. */
  killAndRestart(): Promise<void>;
  runs(): Promise<StoredRun[]>;
  runState(runId: string): Promise<StoredRun | undefined>;
  say(text: string, from?: TestUser): Promise<void>;
  /** Says the change and has Megan approve its request; the run as first stored. */
  requestAndApprove(text: string): Promise<StoredRun>;
  /** The policy created by `policy create … --name <name>` (run done), by its exact name. */
  createdPolicy(command: string, name: string): Promise<string>;
}

/**
 * Registers the suite's beforeAll/afterAll: build once, one sandbox, one connector, one data directory, one bot
 * process (a short lease, so the restarted process owns the killed one's runs within seconds; the soak is what takes
 * long). Each kill test file calls it once, so the files run in parallel on their own sandboxes and processes.
 */
export function useRolloutKillBot(name: string): () => RolloutKillBot {
  const conversation = `a:personal-${name}`;
  let tenant: SandboxTenant | undefined;
  let connector: RecordingConnector | undefined;
  let dataDir = '';
  let bot: BotProcess | undefined;
  let parts: RolloutKillBot | undefined;

  const start = () =>
    startBotProcess({
      ...(tenant as SandboxTenant).env,
      DATA_DIR: dataDir,
      ROLLOUT_CHECK_INTERVAL: '250ms',
      GRAPH_TIMEOUT: '2000ms',
      LEASE_DURATION: '4s',
      SCHEDULER_TICK: '1s',
    });
  const live = (): BotProcess => {
    if (!bot) throw new Error('no bot process');
    return bot;
  };
  const runs = async (): Promise<StoredRun[]> => (await storedValues(dataDir, 'run/')) as StoredRun[];
  const runState = async (runId: string) => (await runs()).find((candidate) => candidate.id === runId);
  const say = async (text: string, from: TestUser = ALEX): Promise<void> => {
    const url = (connector as RecordingConnector).url;
    const message = messageActivity(text, { serviceUrl: url, conversationId: conversation, from });
    expect((await postActivity(live(), message)).status).toBe(200);
  };
  const requestAndApprove = async (text: string): Promise<StoredRun> => {
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
      { serviceUrl: (connector as RecordingConnector).url, conversationId: conversation, from: MEGAN },
    );
    expect((await postActivity(live(), click)).status).toBe(200);
    return run as StoredRun;
  };

  beforeAll(async () => {
    await buildOnce();
    tenant = await startSandboxTenant({ scenario: 'ready' });
    connector = await startRecordingConnector();
    dataDir = await mkdtemp(join(tmpdir(), `attachops-${name}-`));
    bot = await start();
    const sandbox = tenant;
    const recording = connector;
    parts = {
      tenant: sandbox,
      connector: recording,
      dataDir,
      conversation,
      live,
      async killAndRestart() {
        await kill(live());
        bot = await start();
      },
      runs,
      runState,
      say,
      requestAndApprove,
      async createdPolicy(command, policyName) {
        const create = await requestAndApprove(command);
        await waitUntil(async () => (await runState(create.id))?.status === 'done', 30_000, 'the policy created');
        const [policy] = (await sandbox.tenant.policies.list({ nameContains: policyName })).filter(
          (one) => one.name === policyName,
        );
        return policy?.id ?? '';
      },
    };
  }, 360_000);

  afterAll(async () => {
    if (bot) await kill(bot);
    await connector?.close();
    await tenant?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return () => {
    if (!parts) throw new Error('the rollout kill bot is not started');
    return parts;
  };
}
