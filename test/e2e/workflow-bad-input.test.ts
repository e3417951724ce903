import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, ISAIAH, type TestUser } from '../support/activities.js';
import { startedRunId, startWorkflowChat, tenantServicesWith, type WorkflowChat } from './workflow-chat.js';
import { freePort } from '../support/free-port.js';

/** An AttachOps operator in the sandbox directory who does not hold the Global Administrator role. */
const ADELE: TestUser = { id: '29:adele', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-000000000022' };

describe('bad input on a fresh hierarchy: precise cards, consistent runs', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({ scenario: 'fresh', syncDelaySeconds: 0 });
  });
  afterAll(async () => {
    await chat.close();
  });

  it('an unknown collection is refused with how to find its ID, and no run starts', async () => {
    for (const text of ['enable PS1FFFFF', 'onboard edr --collections PS1FFFFF']) {
      const card = await chat.say(text);
      expect(card).toContain('Collection not found');
      expect(card).toContain('collections --filter');
    }
    expect(await chat.harness.services.runs.list()).toEqual([]);
  });

  it('a user collection is refused as not a device collection', async () => {
    for (const text of ['enable PS100020', 'onboard edr --collections PS100042,PS100020']) {
      const card = await chat.say(text);
      expect(card).toContain('Not a device collection');
      expect(card).toContain('is a user collection');
    }
    expect(await chat.harness.services.runs.list()).toEqual([]);
  });

  it('enable before attach fails its first step saying to attach first, and frees the collection', async () => {
    const runId = startedRunId(await chat.say('enable PS100042'));
    const failed = await chat.waitForRun(runId, (run) => run.status === 'failed');
    expect(failed.steps[0]?.problem?.title).toBe('The hierarchy is not tenant attached');
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('Type attach first'));
    expect(chat.progressCard(runId).latest).not.toContain('run.retry');
    expect(chat.progressCard(runId).latest).toContain(`"userIds":["${ALEX.id}"]`);
    expect(await chat.press('run.refresh', { runId }, chat.progressCard(runId).activityId)).toContain('run.retry');
    expect(await chat.press('run.refresh', { runId }, chat.progressCard(runId).activityId, ISAIAH)).not.toContain(
      'run.retry',
    );
  });

  it('attach by a user without an active Global Administrator role (Adele: eligible in PIM) fails naming what to do, and nothing waits on the console', async () => {
    const runId = startedRunId(await chat.say('attach', ADELE));
    const failed = await chat.waitForRun(runId, (run) => run.status === 'failed');
    expect(failed.steps[0]?.problem).toMatchObject({
      title: 'Activate the Global Administrator role first',
      fix: 'Activate the role in Privileged Identity Management, then type attach again.',
    });
    await chat.harness.connector.waitFor(() =>
      chat.progressCard(runId).latest.includes('Activate the Global Administrator role first'),
    );
  });

  it('a collection outside the upload scope gets the console steps that bring it in; the failed enable retries into them', async () => {
    await chat.tenant.control('POST', 'console/tenant-attach', { uploadScope: 'PS100010' });
    const [failedEnable] = (await chat.harness.services.runs.list()).filter((run) => run.kind === 'enable');
    const runId = failedEnable?.id ?? '';
    await chat.press('run.retry', { runId }, chat.progressCard(runId).activityId);
    const waiting = await chat.waitForRun(runId, (run) => run.status === 'waiting');
    expect(waiting.steps.map((step) => step.state)).toEqual(['waiting-for-admin', 'pending']);
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('into the upload scope'));
    const card = chat.progressCard(runId).latest;
    expect(card).toContain('Bring All Windows 10 Workstations (PS100042) into the upload scope');
    expect(card).toContain('The upload scope is now the collection PS100010');
    await chat.harness.services.runs.cancel(runId, { channelUserId: 'test', name: 'test' });
  });
});

describe('Graph throttling while verifying', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({
      scenario: 'fresh',
      syncDelaySeconds: 0,
      verifyPolicy: { firstDelayMs: 300, maxDelayMs: 300, giveUpAfterMs: 60_000 },
    });
    await chat.tenant.control('POST', 'console/tenant-attach', { uploadScope: 'all' });
  });
  afterAll(async () => {
    await chat.close();
  });

  it('says it could not check and keeps checking, then verifies once Graph answers', async () => {
    const runId = startedRunId(await chat.say('enable PS100042'));
    await chat.waitForRun(runId, (run) => run.status === 'waiting');
    await chat.tenant.control('POST', 'faults', {
      spec: 'route=/graph/beta/deviceManagement/configManagerCollections;kind=429;retryAfter=30;count=2',
    });
    await chat.tenant.control('POST', 'console/collections/PS100042/cloud-sync', { endpointSecurity: true });
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('run.verify'));
    await chat.press('run.verify', { runId }, chat.progressCard(runId).activityId);

    await chat.harness.connector.waitFor(
      () => chat.progressCard(runId).latest.includes('Could not check (upstream-throttled); I keep trying.'),
      10_000,
    );
    const done = await chat.waitForRun(runId, (run) => run.status === 'done');
    expect(done.steps[1]?.wait?.checks).toBe(3);
    const throttled = (await chat.tenant.requests()).filter(
      (request) =>
        request.path.startsWith('/graph/beta/deviceManagement/configManagerCollections') && request.status === 429,
    );
    expect(throttled).toHaveLength(2);
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('verified: '));
  });
});

describe('configuration and cloud problems', () => {
  let chat: WorkflowChat | undefined;
  afterEach(async () => {
    await chat?.close();
    chat = undefined;
  });

  it('Government cloud: attach fails naming the unsupported cloud', async () => {
    chat = await startWorkflowChat({ scenario: 'gov-cloud' });
    const runId = startedRunId(await chat.say('attach'));
    const failed = await chat.waitForRun(runId, (run) => run.status === 'failed');
    expect(failed.steps[0]?.problem?.title).toBe('Unsupported cloud');
    expect(failed.steps[0]?.problem?.message).toContain("Azure Government isn't supported for this scenario");
  });

  it('AdminService returning 401: the command says the credentials were refused and how to fix them, starting no run', async () => {
    chat = await startWorkflowChat({
      scenario: 'fresh',
      tenantServices: (sandbox) => tenantServicesWith(sandbox, { ADMINSERVICE_PASSWORD: 'not-the-password' }),
    });
    for (const text of ['attach', 'onboard edr --collections PS100042', 'enable PS100042']) {
      const card = await chat.say(text);
      expect(card, text).toContain('The AdminService refused the credentials');
      expect(card, text).toContain(
        'How to fix it: Check the AdminService credentials (ADMINSERVICE_DOMAIN, ADMINSERVICE_USERNAME, ADMINSERVICE_PASSWORD',
      );
    }
    expect(await chat.harness.services.runs.list()).toEqual([]);
  });

  it('AdminService unreachable: the command names the SMS Provider and starts no run', async () => {
    const port = await freePort();
    chat = await startWorkflowChat({
      scenario: 'fresh',
      tenantServices: (sandbox) =>
        tenantServicesWith(sandbox, { ADMINSERVICE_URL: `https://127.0.0.1:${port}/AdminService/` }),
    });
    for (const text of ['attach', 'onboard edr --collections PS100042']) {
      const card = await chat.say(text);
      expect(card, text).toContain('The SMS Provider is unreachable');
    }
    expect(await chat.harness.services.runs.list()).toEqual([]);
  });
});
