import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleIcons, startedRunId, startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const ATTACHED = 'Tenant attach is configured';

describe('the fresh walkthrough, through the bot against the sandbox tenant', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({ scenario: 'fresh', syncDelaySeconds: 20 });
  });
  afterAll(async () => {
    await chat.close();
  });

  it('check: attach is missing', async () => {
    const card = await chat.say('check');
    expect(card).toContain('Not ready');
    expect(ruleIcons(card).get(ATTACHED)).toBe('❌');
  });

  it('attach: the guided card, then Verify after the console action completes the step', async () => {
    const runId = startedRunId(await chat.say('attach'));
    await chat.waitForRun(runId, (run) => run.status === 'waiting');
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('run.verify'));
    const guided = chat.progressCard(runId);
    expect(guided.latest).toContain('Turn on tenant attach (upload to the Microsoft Endpoint Manager admin center)');
    expect(guided.latest).toContain('Create AAD Application');

    expect((await chat.tenant.control('POST', 'console/tenant-attach', { uploadScope: 'all' })).status).toBe(200);
    const pressed = await chat.press('run.verify', { runId }, guided.activityId);
    expect(pressed).toContain('Checking whether the change has arrived');

    const done = await chat.waitForRun(runId, (run) => run.status === 'done');
    expect(done.steps[0]?.message).toMatch(/^verified: the hierarchy is tenant attached/);
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('✅'));
    expect(chat.progressCard(runId).activityId).toBe(guided.activityId);
  });

  it('enable PS100042: guided, verified once Intune lists it after the sync delay', async () => {
    const runId = startedRunId(await chat.say('enable PS100042'));
    const waiting = await chat.waitForRun(runId, (run) => run.status === 'waiting');
    expect(waiting.steps.map((step) => step.state)).toEqual(['done', 'waiting-for-admin']);
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('Cloud Sync tab'));
    const { activityId } = chat.progressCard(runId);

    expect(
      (await chat.tenant.control('POST', 'console/collections/PS100042/cloud-sync', { endpointSecurity: true })).status,
    ).toBe(200);
    await chat.press('run.verify', { runId }, activityId);
    await chat.waitForRun(runId, (run) => (run.steps[1]?.wait?.checks ?? 0) >= 1);
    // Verify pressed before Intune shows it: what was checked, what is not seen yet, and when the bot looks again.
    expect((await chat.harness.services.runs.get(runId))?.steps[1]?.message).toMatch(
      /^Checked All Windows 10 Workstations has the endpoint security option ticked in ConfigMgr, but not yet Intune listing it among the synced collections .*\(look 1\)\. .*I look again in \d+ seconds?/,
    );

    await chat.tenant.control('POST', 'clock/advance', { seconds: 30 });
    const done = await chat.waitForRun(runId, (run) => run.status === 'done');
    expect(done.steps[1]?.message).toMatch(
      /^verified: All Windows 10 Workstations is enabled for endpoint security policies/,
    );
  });

  it('check: now passes', async () => {
    const card = await chat.say('check --collection PS100042');
    const icons = ruleIcons(card);
    expect(icons.get(ATTACHED)).toBe('✅');
    expect(icons.get('Collections are enabled for endpoint security policies')).toBe('✅');
    expect([...icons.values()].filter((icon) => icon !== '✅')).toEqual([]);
    expect(card).toContain('✅ Ready');
  });
});
