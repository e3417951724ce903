import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intuneGateOf } from '../../core/maa/intune-gate.js';
import { MEGAN, PATTI } from '../support/activities.js';
import type { SandboxRequest } from '../support/sandbox-tenant.js';
import { startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const FAST_INTUNE_WAIT = { firstMs: 50, factor: 2, maxMs: 200 };
const THREE_DAYS_AND_A_MINUTE = 3 * 24 * 3600 + 60;

/** The sandbox's `maa` scenario: configuration policies protected by Multi Admin Approval, Patti in the approver group. */
describe('Intune Multi Admin Approval carries held writes through, against the sandbox tenant', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({ scenario: 'maa', intuneWaitPolicy: FAST_INTUNE_WAIT });
  });
  afterAll(async () => {
    await chat.close();
  });

  /** Asks, has Megan approve in Teams, and waits until Intune holds the write; returns the run and the MAA code. */
  async function heldByIntune(command: string): Promise<{ runId: string; requestId: string }> {
    const reply = await chat.say(command);
    const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(reply)?.[1];
    if (!approvalId) throw new Error(`no approval card: ${reply}`);
    const record = await chat.harness.services.approvals.requireRecord(approvalId);
    await chat.press('approval.approve', { approvalId }, 'approval-card', MEGAN);
    const run = await chat.waitForRun(record.runId, (candidate) =>
      candidate.steps.some((step) => step.state === 'waiting' && intuneGateOf(step) !== undefined),
    );
    const requestId = run.steps.map(intuneGateOf).find((gate) => gate !== undefined)?.requestId ?? '';
    await chat.harness.connector.waitFor(() => {
      const card = chat.progressCard(run.id).latest;
      return card.includes(requestId) && card.includes('Intune-MAA-Approvers');
    }, 10_000);
    return { runId: run.id, requestId };
  }

  const decide = (requestId: string, verb: 'approve' | 'reject', justification: string) =>
    chat.tenant.control('POST', `maa/requests/${requestId}/${verb}`, { approver: PATTI.aadObjectId, justification });

  async function writesTo(pathEnd: RegExp): Promise<SandboxRequest[]> {
    return (await chat.tenant.requests()).filter((entry) => entry.method !== 'GET' && pathEnd.test(entry.path));
  }

  async function policiesNamed(name: string) {
    return (await chat.tenant.tenant.policies.list({ nameContains: name })).filter((policy) => policy.name === name);
  }

  async function auditActions(runId: string): Promise<string[]> {
    return (await chat.harness.services.audit.read())
      .filter((entry) => entry.target === runId && entry.action.startsWith('intune.'))
      .map((entry) => entry.action);
  }

  it('check names the protected workloads and what they mean for AttachOps', async () => {
    const card = await chat.say('check');
    expect(card).toContain('Multi Admin Approval');
    expect(card).toContain('Access policies protect: configurationPolicy');
    expect(card).toContain('will need a second Intune admin (approver group Intune-MAA-Approvers)');
  });

  it('create: Teams approval, then the Intune gate on the card, then Patti approves and the policy is made once', async () => {
    const { runId, requestId } = await heldByIntune(
      'policy create edr --target configmgr --name "EDR maa" --sample-sharing all',
    );
    const card = chat.progressCard(runId).latest;
    expect(card).toContain('Intune holds this change for Multi Admin Approval');
    expect(card).toContain('Intune-MAA-Approvers');
    expect(card).toMatch(/Expires.*UTC/);
    expect(card).toContain('intune.microsoft.com');
    expect(await policiesNamed('EDR maa')).toEqual([]);

    expect((await decide(requestId, 'approve', 'Looks right')).status).toBe(200);
    await chat.waitForRun(runId, (run) => run.status === 'done');
    expect(await policiesNamed('EDR maa')).toHaveLength(1);

    const creates = await writesTo(/configurationPolicies$/);
    expect(creates.map((entry) => entry.status)).toEqual([403, 201]);
    expect(creates[0]?.maa?.justification).toMatch(/Requested by Alex Wilber.*approved in Teams by Megan Bowen/);
    expect(creates[0]?.maa?.justification).toMatch(/plan sha256 [0-9a-f]{64}/);
    expect(creates[0]?.maa?.code).toBeNull();
    expect(creates[1]?.maa).toEqual({ justification: null, code: requestId });
    expect(await auditActions(runId)).toEqual(['intune.held', 'intune.approved', 'intune.resent']);
    await chat.harness.connector.waitFor(() => chat.progressCard(runId).latest.includes('the change was made'), 10_000);
  });

  it('assign: the same two gates, and the assignment is sent once with the code', async () => {
    const { runId, requestId } = await heldByIntune('assign "EDR maa" --to PS100042');
    expect((await decide(requestId, 'approve', 'ok')).status).toBe(200);
    await chat.waitForRun(runId, (run) => run.status === 'done');
    const [policy] = await policiesNamed('EDR maa');
    expect(JSON.stringify(await chat.tenant.tenant.policies.getAssignments(policy?.id ?? ''))).toContain('PS100042');
    const assigns = await writesTo(/\/assign$/);
    expect(assigns.map((entry) => [entry.status, entry.maa?.code ?? null])).toEqual([
      [403, null],
      [200, requestId],
    ]);
  });

  it('rejected in Intune: the run ends saying who and why, nothing is created, and it is audited', async () => {
    const { runId, requestId } = await heldByIntune(
      'policy create edr --target configmgr --name "EDR refused" --sample-sharing all',
    );
    expect((await decide(requestId, 'reject', 'Not during the freeze')).status).toBe(200);
    const run = await chat.waitForRun(runId, (candidate) => candidate.status === 'failed');
    expect(JSON.stringify(run.steps)).toContain('rejected in Intune by Patti Fernandez: Not during the freeze');
    await chat.harness.connector.waitFor(
      () => chat.progressCard(runId).latest.includes('rejected in Intune by Patti Fernandez: Not during the freeze'),
      10_000,
    );
    await chat.harness.connector.waitFor(
      (calls) =>
        calls.some((call) => {
          const body = JSON.stringify(call.body);
          return body.includes('Approved: Create policy') && body.includes('Rejected in Intune by Patti Fernandez');
        }),
      10_000,
    );
    expect(await policiesNamed('EDR refused')).toEqual([]);
    expect(await auditActions(runId)).toEqual(['intune.held', 'intune.rejected']);
  });

  it('expired in Intune after three simulated days: the run ends, Refresh shows it, nothing is created', async () => {
    const { runId } = await heldByIntune('policy create edr --target configmgr --name "EDR late" --sample-sharing all');
    expect((await chat.tenant.control('POST', 'clock/advance', { seconds: THREE_DAYS_AND_A_MINUTE })).status).toBe(200);
    const refreshed = await chat.press('run.refresh', { runId }, chat.progressCard(runId).activityId);
    expect(refreshed).toContain('Expired in Intune');
    await chat.waitForRun(runId, (run) => run.status === 'failed');
    expect(await policiesNamed('EDR late')).toEqual([]);
    expect(await auditActions(runId)).toEqual(['intune.held', 'intune.expired']);
  });
});
