import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity, PATTI } from '../support/activities.js';
import { checkInvokeAnswer } from '../support/sent-card-leaks.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { progressCardOf } from './workflow-chat.js';
import { freePort } from '../support/free-port.js';
import { expectHost, hostEnv } from '../support/host-env.js';
import { buildOnce } from '../support/bot-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONVERSATION = 'a:personal-restart';
/** POSTs that only read: tokens, Graph's $batch of GETs, the AdminService's GetTenantCollectionMapping WMI method. */
const READS_BY_POST = [/^\/_sandbox\//, /\/oauth2\/v2\.0\/token$/, /\/\$batch$/, /\.GetTenantCollectionMapping$/];

interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
}

describe('killing the bot in the middle of an onboard run', () => {
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let dataDir: string;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    await buildOnce();
    tenant = await startSandboxTenant({ scenario: 'fresh', syncDelaySeconds: 0 });
    connector = await startRecordingConnector();
    dataDir = await mkdtemp(join(tmpdir(), 'attachops-restart-'));
  }, 120_000);

  afterAll(async () => {
    for (const bot of bots) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    await connector?.close();
    await tenant?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function startBotProcess(directory = dataDir): Promise<BotProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'dist/bot/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        ...hostEnv(),
        ...tenant.env,
        PORT: String(port),
        DATA_DIR: directory,
        LOG_LEVEL: 'warn',
        NODE_EXTRA_CA_CERTS: process.env.TEST_SANDBOX_CERT_FILE ?? '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const bot = { child, url: `http://127.0.0.1:${port}`, exited };
    bots.push(bot);
    await waitUntil(
      async () => (await fetch(`${bot.url}/readyz`).catch(() => undefined))?.ok === true,
      20_000,
      'the bot to be ready',
    );
    await expectHost(bot.url);
    return bot;
  }

  async function post(bot: BotProcess, activity: unknown): Promise<{ status: number; body: string }> {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = await response.text();
    if (body !== '') checkInvokeAnswer(activity, JSON.parse(body));
    return { status: response.status, body };
  }

  async function verify(bot: BotProcess, runId: string, activityId: string): Promise<void> {
    const pressed = await post(
      bot,
      invokeActivity(
        'run.verify',
        { runId },
        { serviceUrl: connector.url, conversationId: CONVERSATION, from: ALEX, replyToId: activityId },
      ),
    );
    expect(pressed.status).toBe(200);
  }

  const cardShows = (runId: string, text: string) => () =>
    connector.calls.length > 0 && progressCardOf(connector.calls, runId).latest.includes(text);

  it('continues from where it was, on the same progress card, without doing any step twice', async () => {
    const first = await startBotProcess();
    const message = messageActivity('onboard edr --collections PS100042', {
      serviceUrl: connector.url,
      conversationId: CONVERSATION,
      from: ALEX,
    });
    await post(first, message);
    await connector.waitFor((calls) => calls.some((call) => call.activityId === message.id), 20_000);
    const reply = JSON.stringify(connector.calls.find((call) => call.activityId === message.id)?.body);
    const runId = /Started run (r-[a-z0-9]+)/.exec(reply)?.[1] ?? '';
    expect(runId, reply).not.toBe('');
    await connector.waitFor(cardShows(runId, 'Create AAD Application'), 20_000);
    const { activityId } = progressCardOf(connector.calls, runId);

    first.child.kill('SIGKILL');
    await first.exited;
    expect((await tenant.control('POST', 'console/tenant-attach', { uploadScope: 'all' })).status).toBe(200);
    const callsBeforeRestart = connector.calls.length;

    const second = await startBotProcess();
    await verify(second, runId, activityId);
    await connector.waitFor(cardShows(runId, 'Cloud Sync tab'), 20_000);
    expect(
      (await tenant.control('POST', 'console/collections/PS100042/cloud-sync', { endpointSecurity: true })).status,
    ).toBe(200);
    await verify(second, runId, activityId);
    await connector.waitFor(cardShows(runId, 'policy create edr --target configmgr'), 20_000);

    const card = progressCardOf(connector.calls, runId);
    expect(card.activityId).toBe(activityId);
    const afterRestart = connector.calls
      .slice(callsBeforeRestart)
      .filter((call) => JSON.stringify(call.body).includes(`Run ${runId} ·`));
    expect(afterRestart.length).toBeGreaterThan(0);
    expect(afterRestart.every((call) => call.method === 'PUT' && call.activityId === activityId)).toBe(true);

    const auditOfRun = async () =>
      (await readFile(join(dataDir, 'audit.jsonl'), 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { action: string; target?: string; details?: { stepId?: string } })
        .filter((entry) => entry.target === runId);
    // The card follows the stored run; its audit entries are appended right after that write (the audit outbox).
    await waitUntil(
      async () => (await auditOfRun()).some((entry) => entry.action === 'run.done'),
      10_000,
      'run.done in the audit log',
    );
    const entries = await auditOfRun();
    const finished = entries
      .filter((entry) => entry.action === 'step.done' || entry.action === 'step.verified')
      .map((entry) => entry.details?.stepId);
    expect(finished.sort()).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(entries.filter((entry) => entry.action === 'run.done')).toHaveLength(1);

    const writes = (await tenant.requests()).filter(
      (request) => request.method !== 'GET' && !READS_BY_POST.some((read) => read.test(request.path)),
    );
    expect(writes, 'every onboard step is a console step: the bot itself writes nothing').toEqual([]);
    // Two process starts and a whole onboard run: a loaded 2-core machine needs more than vitest's 30 s default.
  }, 90_000);

  it('killed while Intune holds a policy create: the restarted bot resumes the same wait and creates it once', async () => {
    for (const bot of bots.splice(0)) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
    expect((await tenant.control('POST', 'reset', { scenario: 'maa' })).status).toBe(200);
    await tenant.control('DELETE', 'requests');
    const maaDir = await mkdtemp(join(tmpdir(), 'attachops-restart-maa-'));
    try {
      const first = await startBotProcess(maaDir);
      const place = { serviceUrl: connector.url, conversationId: CONVERSATION };
      const ask = messageActivity('policy create edr --target configmgr --name "EDR restart" --sample-sharing all', {
        ...place,
        from: ALEX,
      });
      await post(first, ask);
      await connector.waitFor((calls) => calls.some((call) => call.activityId === ask.id), 20_000);
      const askReply = JSON.stringify(connector.calls.find((call) => call.activityId === ask.id)?.body);
      const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(askReply)?.[1] ?? '';
      expect(approvalId, askReply).not.toBe('');
      expect(
        (await post(first, invokeActivity('approval.approve', { approvalId }, { ...place, from: MEGAN }))).status,
      ).toBe(200);

      const held = (): string | undefined =>
        connector.calls
          .map((call) => JSON.stringify(call.body))
          // the progress card's hold box (the approval card names the approver group too, as a forecast)
          .find((body) => body.includes('Intune-MAA-Approvers') && /Run r-[a-z0-9]+ ·/.test(body));
      await connector.waitFor(() => held() !== undefined, 20_000);
      const runId = /Run (r-[a-z0-9]+) ·/.exec(held() ?? '')?.[1] ?? '';
      const maaRequests = async () =>
        ((await tenant.control('GET', 'maa/requests')).json as { requests: { id: string }[] }).requests;
      const [request] = await maaRequests();
      expect(held()).toContain(request?.id ?? 'no request');

      first.child.kill('SIGKILL');
      await first.exited;
      const decided = await tenant.control('POST', `maa/requests/${request?.id ?? ''}/approve`, {
        approver: PATTI.aadObjectId,
        justification: 'approved while the bot was down',
      });
      expect(decided.status).toBe(200);

      await startBotProcess(maaDir);
      await connector.waitFor(cardShows(runId, 'the change was made'), 20_000);
      expect(await maaRequests(), 'no second Multi Admin Approval request').toHaveLength(1);
      const creates = (await tenant.requests()).filter(
        (entry) => entry.method === 'POST' && /configurationPolicies$/.test(entry.path),
      );
      expect(creates.map((entry) => [entry.status, entry.maa?.code ?? null])).toEqual([
        [403, null],
        [201, request?.id],
      ]);
      const policies = (await tenant.tenant.policies.list({ nameContains: 'EDR restart' })).filter(
        (policy) => policy.name === 'EDR restart',
      );
      expect(policies).toHaveLength(1);
    } finally {
      await rm(maaDir, { recursive: true, force: true });
    }
  }, 90_000);
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
