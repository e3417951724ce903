import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditWriters, createStorageAuditLog } from '../../adapters/audit/storage-audit-log.js';
import { createBlobStorage } from '../../adapters/blob/blob-storage.js';
import { SCHEDULED_SUMMARY_TITLE } from '../../bot/compliance/subscription-delivery.js';
import { subscriptionStoreOf } from '../../bot/compliance/subscription-store-of.js';
import { verifyChain } from '../../core/audit/hash-chain.js';
import type { Storage } from '../../core/ports/storage.js';
import { runRecordSchema, type RunRecord } from '../../core/runs/run-record.js';
import { ALEX, invokeActivity, MEGAN, messageActivity, type TestUser } from '../support/activities.js';
import { type Azurite, startAzurite } from '../support/azurite.js';
import { type BotProcess, buildOnce, kill, postActivity, startBotProcess, waitUntil } from '../support/bot-process.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CHAT = 'a:personal-scale-out';
const CHANNEL = '19:scale-out@thread.tacv2';
const LEASE_MS = 3_000;
const SWEEP_MS = LEASE_MS / 3;
const POLICY_CREATES = /configurationPolicies$/;
/**
 * The create held in flight at the kill may still land until its start + GRAPH_TIMEOUT, and the instance that takes the
 * run over waits that long before it reads the tenant: longer than the sandbox's 1 s hold, short enough for the test.
 */
const GRAPH_TIMEOUT = '2000ms';

describe('two bot instances sharing one Azurite container and one sandbox tenant', () => {
  let azurite: Azurite;
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let storage: Storage;
  let a: BotProcess;
  let b: BotProcess;
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
      STORAGE_CONTAINER: 'scale-out',
      LEASE_DURATION: `${LEASE_MS}ms`,
      SCHEDULER_TICK: '250ms',
      GRAPH_TIMEOUT,
    };
    [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    bots.push(a, b);
    storage = await createBlobStorage({
      container: BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('scale-out'),
    });
  }, 180_000);

  afterAll(async () => {
    for (const bot of bots) await kill(bot);
    await connector?.close();
    await tenant?.close();
    await azurite?.close();
  });

  const say = (bot: BotProcess, text: string, from: TestUser = ALEX) =>
    postActivity(bot, messageActivity(text, { serviceUrl: connector.url, conversationId: CHAT, from }));
  const approve = (bot: BotProcess, approvalId: string) =>
    postActivity(
      bot,
      invokeActivity(
        'approval.approve',
        { approvalId },
        { serviceUrl: connector.url, conversationId: CHAT, from: MEGAN },
      ),
    );

  async function approvalFor(policyName: string): Promise<string> {
    let id: string | undefined;
    await connector.waitFor(() => {
      const cards = connector.cards().map((body) => JSON.stringify(body));
      const card = cards.find((text) => text.includes(policyName) && text.includes('"approvalId"'));
      id = /"approvalId":"(a-[a-z0-9]+)"/.exec(card ?? '')?.[1];
      return id !== undefined;
    }, 30_000);
    return id ?? '';
  }

  async function runFor(policyName: string): Promise<{ run: RunRecord; eTag: string } | undefined> {
    const item = (await storage.list('run/')).find((candidate) => JSON.stringify(candidate.value).includes(policyName));
    return item ? { run: runRecordSchema.parse(item.value), eTag: item.eTag } : undefined;
  }

  const policiesNamed = async (name: string) =>
    (await tenant.tenant.policies.list({ nameContains: name })).filter((policy) => policy.name === name);

  const scheduledPosts = (): number =>
    connector.calls.filter(
      (call) =>
        call.method === 'POST' &&
        call.conversationId === CHANNEL &&
        call.status < 300 &&
        JSON.stringify(call.body).includes(SCHEDULED_SUMMARY_TITLE),
    ).length;

  /** Every slot claim is an If-None-Match: * item; a post without its own claim would be a duplicate. */
  const claimsOf = async (subscriptionId: string): Promise<number> =>
    (await storage.list(`slot/${subscriptionId}/`)).length;

  async function subscribeChannelEveryTwoSeconds(id: string, via: BotProcess): Promise<void> {
    await postActivity(
      via,
      messageActivity('help', { serviceUrl: connector.url, conversationId: CHANNEL, from: ALEX, place: 'channel' }),
    );
    await subscriptionStoreOf(storage).add({
      id,
      conversationId: CHANNEL,
      // Six fields (seconds first), which croner reads; the subscribe command offers minutes at the finest.
      schedule: { cron: '*/2 * * * * *', timeZone: 'UTC', description: 'every 2 seconds (test)' },
      policies: [],
      createdBy: { id: ALEX.aadObjectId ?? ALEX.id, name: ALEX.name },
      createdAt: new Date().toISOString(),
      state: 'active',
    });
  }

  it('an approval clicked on the other instance runs the change there, once', async () => {
    const name = 'EDR two instances';
    expect((await say(a, `policy create edr --target configmgr --name "${name}" --sample-sharing all`)).status).toBe(
      200,
    );
    const approvalId = await approvalFor(name);
    expect(await policiesNamed(name)).toEqual([]);

    expect((await approve(b, approvalId)).status).toBe(200);
    await waitUntil(
      async () => (await runFor(name))?.run.status === 'done',
      30_000,
      () => `run of ${name} to finish`,
    );
    expect(await policiesNamed(name)).toHaveLength(1);
    const creates = (await tenant.requests()).filter(
      (entry) => entry.method === 'POST' && POLICY_CREATES.test(entry.path),
    );
    expect(creates.map((entry) => entry.status)).toEqual([201]);
  }, 60_000);

  it('a two-second subscription posts each slot once while both instances run the scheduler loop', async () => {
    const id = 'sub-both';
    const before = scheduledPosts();
    await subscribeChannelEveryTwoSeconds(id, b);
    await connector.waitFor(() => scheduledPosts() >= before + 3, 30_000);
    await subscriptionStoreOf(storage).remove(id);
    const posts = scheduledPosts() - before;
    const claims = await claimsOf(id);
    expect(posts).toBeLessThanOrEqual(claims);
    expect(claims - posts).toBeLessThanOrEqual(1);
  }, 60_000);

  it('SIGKILL of the instance running a change: the other finishes it within the lease time, and the chain holds', async () => {
    const name = 'EDR takeover';
    const subscription = 'sub-takeover';
    await subscribeChannelEveryTwoSeconds(subscription, a);
    await tenant.control('POST', 'faults', {
      spec: 'route=/graph/beta/deviceManagement/configurationPolicies;kind=latency;ms=1000;count=1;method=POST',
    });
    await say(a, `policy create edr --target configmgr --name "${name}" --sample-sharing none`);
    expect((await approve(a, await approvalFor(name))).status).toBe(200);
    const createArrived = async (): Promise<boolean> => {
      const { json } = await tenant.control('GET', 'faults');
      return ((json as { rules: { fired: number }[] }).rules[0]?.fired ?? 0) > 0;
    };
    await waitUntil(createArrived, 30_000, () => 'the create request of the first instance to reach the sandbox');
    const atKill = await runFor(name);
    const postsAtKill = scheduledPosts();
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await a.exited;

    let takenOverAt = 0;
    await waitUntil(
      async () => {
        const now = await runFor(name);
        if (takenOverAt === 0 && now && now.eTag !== atKill?.eTag) takenOverAt = Date.now();
        return now?.run.status === 'done';
      },
      30_000,
      () => `the surviving instance to finish ${name}`,
    );
    const finishedAt = Date.now();
    const takeoverMs = takenOverAt - killedAt;
    console.info(
      `lease ${LEASE_MS} ms, sweep ${SWEEP_MS} ms: takeover ${takeoverMs} ms, finished ${finishedAt - killedAt} ms after SIGKILL`,
    );
    expect(takeoverMs).toBeLessThanOrEqual(LEASE_MS + SWEEP_MS + 2_000);
    expect(await policiesNamed(name)).toHaveLength(1);

    await connector.waitFor(() => scheduledPosts() >= postsAtKill + 2, 30_000);
    const posts = scheduledPosts();
    const claims = (await claimsOf('sub-both')) + (await claimsOf(subscription));
    expect(posts, 'a post without a claim of its own would be a duplicate').toBeLessThanOrEqual(claims);
    expect(claims - posts, 'at most the slot in flight at the kill is lost').toBeLessThanOrEqual(2);

    const entries = await createStorageAuditLog({ storage }).read();
    expect(verifyChain(entries)).toEqual({ ok: true });
    const writers = await auditWriters(storage);
    expect(new Set(writers.values()).size).toBe(2);
    const runId = (await runFor(name))?.run.id;
    const writerOf = (action: string) =>
      writers.get(entries.find((entry) => entry.target === runId && entry.action === action)?.seq ?? 0);
    expect(writerOf('run.started')).not.toBe(writerOf('run.done'));
  }, 120_000);
});
