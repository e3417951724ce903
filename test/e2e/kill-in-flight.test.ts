import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
import { startSandboxTenant, type SandboxRequest, type SandboxTenant } from '../support/sandbox-tenant.js';

/** Flows of create + approve + assign; each kills the bot with the create and with the assign POST in flight. */
const FLOWS = Number(process.env.KILL_FLOWS ?? 3);
/**
 * The sandbox holds each write this long: longer than a restart takes on an idle machine (about 1 s), so the restarted
 * bot reads the tenant before the held write lands unless it waits for it to settle; the bot's GRAPH_TIMEOUT is longer,
 * which is what makes waiting until start + timeout enough.
 */
const HOLD_MS = 1500;
const GRAPH_TIMEOUT = '2000ms';
/** Latency on every read while step boundaries are caught (slowEveryRead). */
const SLOW_READ_MS = 250;
const CONVERSATION = 'a:personal-kill-in-flight';
const CREATE_PATH = /\/configurationPolicies$/;
const ASSIGN_PATH = /\/configurationPolicies\/[^/]+\/assign$/;
/** POSTs that only read: tokens, $batch of GETs, the AdminService's GetTenantCollectionMapping, NTLM handshakes. */
const READS_BY_POST = [/^\/_sandbox\//, /\/oauth2\/v2\.0\/token$/, /\/\$batch$/, /\.GetTenantCollectionMapping$/];

interface StoredRun {
  id: string;
  title: string;
  status: string;
  steps: { id: string; state: string; input: { approvalId?: string } }[];
}

interface Figures {
  inFlightKills: number;
  boundaryKills: number;
  restartMs: number[];
  recoverMs: number[];
}

describe('killing the bot with a tenant write in flight', () => {
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let dataDir: string;
  let bot: BotProcess | undefined;
  const figures: Figures = { inFlightKills: 0, boundaryKills: 0, restartMs: [], recoverMs: [] };

  beforeAll(async () => {
    await buildOnce();
    tenant = await startSandboxTenant({ scenario: 'ready' });
    connector = await startRecordingConnector();
    dataDir = await mkdtemp(join(tmpdir(), 'attachops-kill-'));
    bot = await start();
  }, 360_000);

  afterAll(async () => {
    if (bot) await kill(bot);
    await connector?.close();
    await tenant?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<BotProcess> {
    const startedAt = Date.now();
    const started = await startBotProcess({
      ...tenant.env,
      DATA_DIR: dataDir,
      GRAPH_TIMEOUT,
      ADMINSERVICE_TIMEOUT: '5s',
      UPSTREAM_RETRY_BUDGET: '10s',
    });
    figures.restartMs.push(Date.now() - startedAt);
    return started;
  }

  async function restart(): Promise<void> {
    if (bot) await kill(bot);
    bot = await start();
  }

  const live = (): BotProcess => {
    if (!bot) throw new Error('no bot process');
    return bot;
  };

  async function runs(): Promise<StoredRun[]> {
    return (await storedValues(dataDir, 'run/')) as StoredRun[];
  }

  async function say(text: string, from: TestUser = ALEX): Promise<void> {
    const message = messageActivity(text, { serviceUrl: connector.url, conversationId: CONVERSATION, from });
    expect((await postActivity(live(), message)).status).toBe(200);
  }

  /** Asks for the change, waits for its run (parked at the approval step) and has Megan approve it. */
  async function requestAndApprove(text: string, before: ReadonlySet<string>): Promise<StoredRun> {
    await say(text);
    let run: StoredRun | undefined;
    await waitUntil(
      async () => {
        run = (await runs()).find((candidate) => !before.has(candidate.id));
        return run !== undefined;
      },
      20_000,
      `a run for "${text}" (last card: ${JSON.stringify(connector.cards().at(-1)).slice(0, 600)})`,
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

  async function runState(runId: string): Promise<StoredRun | undefined> {
    return (await runs()).find((candidate) => candidate.id === runId);
  }

  /** Kills the bot as soon as step `stepId` is stored done: at the boundary to the next step. */
  async function killAtBoundary(runId: string, stepId: string): Promise<void> {
    await waitUntil(
      async () => (await runState(runId))?.steps.find((step) => step.id === stepId)?.state === 'done',
      20_000,
      `${runId} ${stepId} done`,
    );
    await restart();
    figures.boundaryKills += 1;
  }

  /** Kills the bot while the sandbox holds the write on `path` (received, not yet answered). */
  async function killInFlight(path: RegExp, method = 'POST'): Promise<void> {
    await waitUntil(
      async () =>
        (await tenant.requests()).some(
          (request) => request.method === method && path.test(request.path) && request.status === 0,
        ),
      20_000,
      `a ${method} to ${String(path)} in flight`,
    );
    await restart();
    figures.inFlightKills += 1;
  }

  async function waitDone(runId: string): Promise<void> {
    const startedAt = Date.now();
    await waitUntil(async () => (await runState(runId))?.status === 'done', 30_000, `${runId} done`);
    figures.recoverMs.push(Date.now() - startedAt);
  }

  const posts = (requests: readonly SandboxRequest[], path: RegExp, method = 'POST'): number =>
    requests.filter((request) => request.method === method && path.test(request.path)).length;
  /** Every write to the policy itself (PUT, PATCH, DELETE), whatever the service answered. */
  const policyWrites = (requests: readonly SandboxRequest[], policyId: string): SandboxRequest[] =>
    requests.filter(
      (request) =>
        request.method !== 'GET' && request.path.endsWith(`/deviceManagement/configurationPolicies/${policyId}`),
    );

  async function holdNext(path: string, method = 'POST'): Promise<void> {
    const spec = `route=${path};kind=latency;ms=${HOLD_MS};count=1;method=${method}`;
    expect((await tenant.control('POST', 'faults', { spec })).status).toBe(201);
  }

  /**
   * Slows every read while the step boundaries are caught: the step after plan-recheck reads the tenant before its
   * write, and without this the write could leave in the few milliseconds between seeing plan-recheck stored done and
   * the kill — the boundary kill would then strike the write instead, and no write would be left to catch in flight.
   */
  async function slowEveryRead(): Promise<number[]> {
    const spec = `route=/graph/beta/*;kind=latency;ms=${SLOW_READ_MS};method=GET | route=/AdminService/*;kind=latency;ms=${SLOW_READ_MS};method=GET`;
    const { status, json } = await tenant.control('POST', 'faults', { spec });
    expect(status).toBe(201);
    return (json as { rules: { id: number }[] }).rules.map((rule) => rule.id);
  }

  async function removeRules(ids: readonly number[]): Promise<void> {
    for (const id of ids) expect((await tenant.control('DELETE', `faults/${id}`)).status).toBe(204);
  }

  it(
    `${FLOWS} create + approve + assign flows, each killed with the create and the assign in flight (the first also at every step boundary): one policy, one assignment set, every run done`,
    async () => {
      for (let flow = 1; flow <= FLOWS; flow += 1) {
        const name = `Kill ${flow}`;
        const atBoundaries = flow === 1;
        await tenant.control('DELETE', 'requests');
        const seen = new Set((await runs()).map((run) => run.id));

        await holdNext('/graph/beta/deviceManagement/configurationPolicies');
        const slowCreate = atBoundaries ? await slowEveryRead() : [];
        const create = await requestAndApprove(
          `policy create edr --target configmgr --name "${name}" --sample-sharing all`,
          seen,
        );
        if (atBoundaries) {
          await killAtBoundary(create.id, 's1');
          await killAtBoundary(create.id, 's2');
        }
        await removeRules(slowCreate);
        await killInFlight(CREATE_PATH);
        await waitDone(create.id);
        seen.add(create.id);

        await holdNext('/graph/beta/deviceManagement/configurationPolicies/*/assign');
        const slowAssign = atBoundaries ? await slowEveryRead() : [];
        const assign = await requestAndApprove(`assign "${name}" --to PS100042`, seen);
        if (atBoundaries) {
          await killAtBoundary(assign.id, 's1');
          await killAtBoundary(assign.id, 's2');
        }
        await removeRules(slowAssign);
        await killInFlight(ASSIGN_PATH);
        await waitDone(assign.id);

        const { json } = await tenant.control('GET', 'state');
        const policies = (json as { policies: { name: string; assignments: number }[] }).policies;
        const named = policies.filter((policy) => policy.name === name);
        expect(named, `flow ${flow}: policies named ${name}`).toHaveLength(1);
        expect(named[0]?.assignments, `flow ${flow}: assignments`).toBe(1);
        const requests = await tenant.requests();
        expect(posts(requests, CREATE_PATH), `flow ${flow}: create POSTs`).toBe(1);
        expect(posts(requests, ASSIGN_PATH), `flow ${flow}: assign POSTs`).toBe(1);
        process.stdout.write(`kill-in-flight: flow ${flow} of ${FLOWS}: one policy, one assignment set\n`);
      }
      const all = await runs();
      expect(all.filter((run) => run.status !== 'done')).toEqual([]);
      expect(all).toHaveLength(2 * FLOWS);
      const approvals = (await storedValues(dataDir, 'approval/')) as { status: string }[];
      expect(approvals.filter((approval) => approval.status !== 'approved')).toEqual([]);
      expect(figures.inFlightKills).toBe(2 * FLOWS);
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      process.stdout.write(
        `kill-in-flight: ${figures.inFlightKills} kills with a write in flight (held ${HOLD_MS} ms), ${figures.boundaryKills} at step boundaries; ` +
          `restart median ${median(figures.restartMs)} ms, run done after the last kill median ${median(figures.recoverMs)} ms\n`,
      );
    },
    FLOWS * 120_000,
  );

  it('an unassign killed with its write in flight removes the target once and keeps the rest exactly as read', async () => {
    const name = 'EDR - Finance (portal)';
    const [policy] = await tenant.tenant.policies.list({ nameContains: name });
    const policyId = policy?.id ?? '';
    const [existing] = await tenant.tenant.policies.getAssignments(policyId);
    await tenant.tenant.policies.assign(policyId, [
      ...(existing ? [existing] : []),
      { kind: 'collection', collectionId: 'PS100042' },
    ]);
    const [kept] = await tenant.tenant.policies.getAssignments(policyId);
    await tenant.control('DELETE', 'requests');
    const seen = new Set((await runs()).map((run) => run.id));
    await holdNext('/graph/beta/deviceManagement/configurationPolicies/*/assign');
    const unassign = await requestAndApprove(`unassign "${name}" --from PS100042`, seen);
    await killInFlight(ASSIGN_PATH);
    await waitDone(unassign.id);
    expect(posts(await tenant.requests(), ASSIGN_PATH)).toBe(1);
    const after = await tenant.tenant.policies.getAssignments(policyId);
    expect(after.map((target) => JSON.stringify(target.asRead))).toEqual([JSON.stringify(kept?.asRead)]);
  }, 120_000);

  /** A policy AttachOps made (it carries the marker), straight into the sandbox. */
  async function ownPolicy(name: string): Promise<string> {
    const created = await tenant.tenant.policies.create(
      {
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name,
        description: '',
        settings: { sampleSharing: 'all' },
      },
      { ref: `kill-${name.replace(/\W+/g, '-')}`, beforeSend: async () => undefined },
    );
    return created.id;
  }

  it('a policy set killed with its PUT in flight changes the setting once, every other one kept', async () => {
    const name = 'Kill - set';
    const policyId = await ownPolicy(name);
    const before = await tenant.tenant.policies.get(policyId);
    expect(before?.draft?.settings).toMatchObject({ sampleSharing: 'all' });
    await tenant.control('DELETE', 'requests');
    const seen = new Set((await runs()).map((run) => run.id));
    await holdNext(`/graph/beta/deviceManagement/configurationPolicies/${policyId}`, 'PUT');
    const set = await requestAndApprove(`policy set "${name}" --sample-sharing none`, seen);
    await killInFlight(new RegExp(`/configurationPolicies/${policyId}$`), 'PUT');
    await waitDone(set.id);
    const writes = policyWrites(await tenant.requests(), policyId);
    expect(writes.map((request) => request.method)).toEqual(['PUT']);
    const after = await tenant.tenant.policies.get(policyId);
    expect(after?.draft?.settings).toEqual({ ...before?.draft?.settings, sampleSharing: 'none' });
    expect(after?.name).toBe(name);
    expect(after?.managedByAttachOps).toBe(true);
  }, 120_000);

  it('a policy rename killed with its PATCH in flight renames once', async () => {
    const name = 'Kill - rename';
    const policyId = await ownPolicy(name);
    await tenant.control('DELETE', 'requests');
    const seen = new Set((await runs()).map((run) => run.id));
    await holdNext(`/graph/beta/deviceManagement/configurationPolicies/${policyId}`, 'PATCH');
    const rename = await requestAndApprove(`policy rename "${name}" --name "Kill - renamed"`, seen);
    await killInFlight(new RegExp(`/configurationPolicies/${policyId}$`), 'PATCH');
    await waitDone(rename.id);
    expect(policyWrites(await tenant.requests(), policyId).map((request) => request.method)).toEqual(['PATCH']);
    expect((await tenant.tenant.policies.get(policyId))?.name).toBe('Kill - renamed');
    expect(await tenant.tenant.policies.list({ nameContains: 'Kill - rename' })).toHaveLength(1);
  }, 120_000);

  it('a rename where only a whole PUT updates a policy, killed with its PUT in flight, renames once and keeps every setting', async () => {
    const name = 'Kill - put rename';
    const policyId = await ownPolicy(name);
    const before = await tenant.tenant.policies.get(policyId);
    expect((await tenant.control('POST', 'policy-update-reading', { reading: 'put-only' })).status).toBe(200);
    try {
      await tenant.control('DELETE', 'requests');
      const seen = new Set((await runs()).map((run) => run.id));
      await holdNext(`/graph/beta/deviceManagement/configurationPolicies/${policyId}`, 'PUT');
      const rename = await requestAndApprove(`policy rename "${name}" --name "Kill - put renamed"`, seen);
      await killInFlight(new RegExp(`/configurationPolicies/${policyId}$`), 'PUT');
      await waitDone(rename.id);
      const writes = policyWrites(await tenant.requests(), policyId);
      expect(writes.filter((request) => request.status < 300).map((request) => request.method)).toEqual(['PUT']);
      const after = await tenant.tenant.policies.get(policyId);
      expect(after?.name).toBe('Kill - put renamed');
      expect(after?.draft?.settings).toEqual(before?.draft?.settings);
      expect(after?.managedByAttachOps).toBe(true);
    } finally {
      await tenant.control('POST', 'policy-update-reading', { reading: 'patch-and-put' });
    }
  }, 120_000);

  it('a policy delete killed with its DELETE in flight deletes once and ends done', async () => {
    const name = 'Kill - delete';
    const policyId = await ownPolicy(name);
    await tenant.control('DELETE', 'requests');
    const seen = new Set((await runs()).map((run) => run.id));
    await holdNext(`/graph/beta/deviceManagement/configurationPolicies/${policyId}`, 'DELETE');
    const deleted = await requestAndApprove(`policy delete "${name}"`, seen);
    await killInFlight(new RegExp(`/configurationPolicies/${policyId}$`), 'DELETE');
    await waitDone(deleted.id);
    expect(policyWrites(await tenant.requests(), policyId).map((request) => request.method)).toEqual(['DELETE']);
    expect(await tenant.tenant.policies.get(policyId)).toBeUndefined();
  }, 120_000);

  it('an onboard run killed at each of its step boundaries ends done, each step done once, with no tenant write', async () => {
    await tenant.control('DELETE', 'requests');
    // Slows every read so each boundary can be caught before the next step is through.
    const slow = 'route=/graph/beta/*;kind=latency;ms=250;method=GET | route=/AdminService/*;kind=latency;ms=250';
    expect((await tenant.control('POST', 'faults', { spec: slow })).status).toBe(201);
    const seen = new Set((await runs()).map((run) => run.id));
    await say('onboard edr --collections PS100042');
    let onboard: StoredRun | undefined;
    await waitUntil(
      async () => {
        onboard = (await runs()).find((run) => !seen.has(run.id));
        return onboard !== undefined;
      },
      20_000,
      'the onboard run',
    );
    const runId = onboard?.id ?? '';
    const stepIds = onboard?.steps.map((step) => step.id) ?? [];
    for (const stepId of stepIds.slice(0, -1)) await killAtBoundary(runId, stepId);
    await waitDone(runId);
    await tenant.control('DELETE', 'faults');

    const auditOfRun = async () =>
      (await readFile(join(dataDir, 'audit.jsonl'), 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { action: string; target?: string; details?: { stepId?: string } })
        .filter((entry) => entry.target === runId);
    // The run is stored done a moment before its run.done entry is appended.
    await waitUntil(
      async () => (await auditOfRun()).some((entry) => entry.action === 'run.done'),
      20_000,
      'the run.done audit entry',
    );
    const entries = await auditOfRun();
    // Every step ended (a console step verified, a step already true skipped, the others done), none finished twice.
    const ended = await runState(runId);
    expect(ended?.steps.map((step) => [step.id, step.state])).toEqual(
      stepIds.map((id) => [id, expect.stringMatching(/^(done|skipped)$/)]),
    );
    const finished = entries
      .filter((entry) => entry.action === 'step.done' || entry.action === 'step.verified')
      .map((entry) => entry.details?.stepId);
    expect(new Set(finished).size, `finished twice: ${finished.join(', ')}`).toBe(finished.length);
    expect(entries.filter((entry) => entry.action === 'run.done')).toHaveLength(1);
    const writes = (await tenant.requests()).filter(
      (request) => request.method !== 'GET' && !READS_BY_POST.some((read) => read.test(request.path)),
    );
    expect(writes).toEqual([]);
  }, 300_000);
});
