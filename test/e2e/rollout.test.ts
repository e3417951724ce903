import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/runs/run-record.js';
import { ALEX, MEGAN } from '../support/activities.js';
import { OffsetClock } from '../support/offset-clock.js';
import { startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const SOAK_SECONDS = 3600;
const PAST_SOAK_SECONDS = SOAK_SECONDS + 180;
const ENDED = new Set(['done', 'failed', 'cancelled']);

/**
 * Rollout rings end to end: the real bot over HTTP against the sandbox tenant. The soak is measured on the bot's
 * clock and the devices report on the sandbox's, so the test moves both (the bot's with an OffsetClock).
 */
describe('rollout: ring by ring, each gated on the policy’s compliance report, against the sandbox tenant', () => {
  const clock = new OffsetClock();
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({ scenario: 'ready', clock, env: { ROLLOUT_CHECK_INTERVAL: '100ms' } });
  });
  afterAll(async () => {
    await chat.close();
  });

  async function approve(reply: string): Promise<RunRecord> {
    const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(reply)?.[1];
    if (!approvalId) throw new Error(`no approval card: ${reply}`);
    const record = await chat.harness.services.approvals.requireRecord(approvalId);
    await chat.press('approval.approve', { approvalId }, 'approval-card', MEGAN);
    return (await chat.harness.services.runs.get(record.runId)) as RunRecord;
  }

  async function policyNamed(name: string): Promise<string> {
    const reply = await chat.say(`policy create edr --target configmgr --name "${name}" --sample-sharing all`);
    const run = await approve(reply);
    await chat.waitForRun(run.id, (candidate) => candidate.status === 'done');
    const [policy] = (await chat.tenant.tenant.policies.list({ nameContains: name })).filter(
      (one) => one.name === name,
    );
    return policy?.id ?? '';
  }

  async function assigned(policyId: string): Promise<string[]> {
    return (await chat.tenant.tenant.policies.getAssignments(policyId)).map((target) =>
      target.kind === 'collection' ? target.collectionId : target.kind,
    );
  }

  async function outcome(collectionId: string, compliant: number, failed = 0): Promise<void> {
    const answer = await chat.tenant.control('POST', 'compliance/outcomes', {
      collectionId,
      compliant,
      nonCompliant: 0,
      failed,
      reportDelaySeconds: 60,
    });
    expect(answer.status).toBe(200);
  }

  /** Ring 1 assigned, its gate soaking and looked at a few times: nothing more happens before the soak is over. */
  async function soaking(runId: string): Promise<RunRecord> {
    const gate = (run: RunRecord) => run.steps.find((step) => step.kind === 'rollout-gate');
    return chat.waitForRun(runId, (run) => ENDED.has(run.status) || (gate(run)?.wait?.checks ?? 0) >= 3);
  }

  async function soakOver(): Promise<void> {
    expect((await chat.tenant.control('POST', 'clock/advance', { seconds: PAST_SOAK_SECONDS })).status).toBe(200);
    clock.advance(PAST_SOAK_SECONDS * 1000);
  }

  it('--auto: ring 1 at approval, nothing more while it soaks, ring 2 once the gate holds', async () => {
    const policyId = await policyNamed('EDR rings auto');
    await outcome('PS100015', 1);
    await outcome('PS100042', 1);
    const reply = await chat.say(
      'rollout "EDR rings auto" --ring "pilot=PS100015" --ring "broad=PS100042" --soak 1h --auto',
    );
    expect(reply).toContain('Roll out');
    expect(reply).toContain('ring 1 (pilot): newly assigned');
    expect(reply).toContain('reported>=80%, failed<=2%, noncompliant<=10%, after a soak of 1 hour');
    const run = await approve(reply);

    const waiting = await soaking(run.id);
    expect(waiting.status).toBe('waiting');
    expect(waiting.steps.find((step) => step.kind === 'rollout-gate')?.message).toMatch(/^Ring pilot soaks until /);
    expect(await assigned(policyId)).toEqual(['PS100015']);

    await soakOver();
    const done = await chat.waitForRun(run.id, (candidate) => ENDED.has(candidate.status));
    expect(done.status).toBe('done');
    expect(done.steps.find((step) => step.kind === 'rollout-gate')?.message).toContain(
      'Ring pilot healthy: reported 100% (meets >=80%), failed 0% (meets <=2%)',
    );
    expect(await assigned(policyId)).toEqual(['PS100015', 'PS100042']);
    const actions = (await chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action.startsWith('rollout.'))
      .map((entry) => entry.action);
    expect(actions).toEqual(['rollout.soak-started', 'rollout.ring-passed']);
  });

  it('an unhealthy ring halts the rollout with its figures; the next ring is never sent', async () => {
    const policyId = await policyNamed('EDR rings halt');
    await outcome('PS100015', 0.7, 0.3);
    const reply = await chat.say(
      'rollout "EDR rings halt" --ring "pilot=PS100015" --ring "broad=PS100042" --soak 1h --auto',
    );
    const run = await approve(reply);
    expect((await soaking(run.id)).status).toBe('waiting');

    await soakOver();
    const ended = await chat.waitForRun(run.id, (candidate) => ENDED.has(candidate.status));
    expect(ended.status).toBe('failed');
    const gate = ended.steps.find((step) => step.kind === 'rollout-gate');
    expect(gate?.problem?.title).toBe('Ring pilot did not pass its gate');
    expect(gate?.problem?.message).toMatch(/failed \d+(\.\d)?% \(misses <=2%\)/);
    expect(await assigned(policyId)).toEqual(['PS100015']);
    const assigns = (await chat.tenant.requests()).filter(
      (entry) => entry.method === 'POST' && entry.path.endsWith(`/${policyId}/assign`),
    );
    expect(assigns).toHaveLength(1);
    await chat.harness.connector.waitFor(
      () => chat.progressCard(run.id).latest.includes('Ring pilot did not pass its gate'),
      10_000,
    );
  });

  it('--approve-each: after the gate holds, ring 2 waits for a second person; the requester cannot approve it', async () => {
    const policyId = await policyNamed('EDR rings approve');
    await outcome('PS100015', 1);
    const reply = await chat.say(
      'rollout "EDR rings approve" --ring "pilot=PS100015" --ring "broad=PS100042" --soak 1h',
    );
    const run = await approve(reply);
    expect((await soaking(run.id)).status).toBe('waiting');

    await soakOver();
    const asking = await chat.waitForRun(run.id, (candidate) =>
      candidate.steps.some((step) => step.kind === 'rollout-advance' && step.state === 'waiting-for-approval'),
    );
    expect(await assigned(policyId)).toEqual(['PS100015']);
    const approvalId = asking.steps.find((step) => step.kind === 'rollout-advance')?.approvalId ?? '';
    await chat.harness.connector.waitFor(
      (calls) => JSON.stringify(calls).includes(approvalId) && JSON.stringify(calls).includes('advance'),
      10_000,
    );
    const record = await chat.harness.services.approvals.requireRecord(approvalId);
    expect(record.plan.title).toBe(
      'Ring pilot healthy: advance "EDR rings approve" to ring broad (' +
        (record.plan.changes[0]?.devices ?? 0).toLocaleString('en-US') +
        ' devices)?',
    );
    expect(record.runId).toBe(run.id);

    await chat.press('approval.approve', { approvalId }, 'approval-card', ALEX);
    expect((await chat.harness.services.approvals.requireRecord(approvalId)).status).toBe('pending');
    expect(await assigned(policyId)).toEqual(['PS100015']);

    await chat.press('approval.approve', { approvalId }, 'approval-card', MEGAN);
    const done = await chat.waitForRun(run.id, (candidate) => ENDED.has(candidate.status));
    expect(done.status).toBe('done');
    expect(await assigned(policyId)).toEqual(['PS100015', 'PS100042']);
  });
});
