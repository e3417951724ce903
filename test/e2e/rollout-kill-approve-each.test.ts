import { describe, expect, it } from 'vitest';
import { invokeActivity, MEGAN } from '../support/activities.js';
import { postActivity, storedValues, waitUntil } from '../support/bot-process.js';
import { SOAK_MS, type StoredApproval, type StoredRun, useRolloutKillBot } from './rollout-kill-bot.js';

/** kill -9 of the built bot while a ring soaks, and again while the next ring waits for its approval. */
describe('killing the bot during an approve-each rollout', () => {
  const bot = useRolloutKillBot('rollout-kill-each');

  it('approve-each, killed while soaking and again while the next ring waits for approval: one request, one assign each', async () => {
    const { tenant, dataDir, connector, conversation, runState, requestAndApprove } = bot();
    const policyId = await bot().createdPolicy(
      'policy create edr --target configmgr --name "EDR rings kill each" --sample-sharing all',
      'EDR rings kill each',
    );
    const outcomes = { collectionId: 'PS100015', compliant: 1, nonCompliant: 0, failed: 0, reportDelaySeconds: 0 };
    expect((await tenant.control('POST', 'compliance/outcomes', outcomes)).status).toBe(200);

    const rollout = await requestAndApprove(
      'rollout "EDR rings kill each" --ring "pilot=PS100015" --ring "broad=PS100042" --soak 1m',
    );
    const gate = (run: StoredRun | undefined) => run?.steps.find((step) => step.kind === 'rollout-gate');
    const advance = (run: StoredRun | undefined) => run?.steps.find((step) => step.kind === 'rollout-advance');
    await waitUntil(
      async () => (gate(await runState(rollout.id))?.wait?.checks ?? 0) >= 2,
      30_000,
      'ring 1 soaking, looked at twice',
    );
    const assignedAt = gate(await runState(rollout.id))?.wait?.state.assignedAt ?? '';
    await bot().killAndRestart();

    await waitUntil(
      async () => advance(await runState(rollout.id))?.state === 'waiting-for-approval',
      SOAK_MS + 60_000,
      'ring 2 waiting for its approval after the restart',
    );
    const asked = await runState(rollout.id);
    expect(gate(asked)?.wait?.state.assignedAt, 'the same soak, not a new one').toBe(assignedAt);
    expect(Date.parse(gate(asked)?.wait?.state.last?.at ?? '')).toBeGreaterThanOrEqual(
      Date.parse(assignedAt) + SOAK_MS,
    );
    const approvalId = (advance(asked) as { approvalId?: string } | undefined)?.approvalId ?? '';
    expect(approvalId).toMatch(/^a-/);

    await bot().killAndRestart();
    const advanceRequests = async () =>
      ((await storedValues(dataDir, 'approval/')) as StoredApproval[]).filter(
        (record) => record.runId === rollout.id && record.plan.kind === 'rollout-advance',
      );
    const click = invokeActivity(
      'approval.approve',
      { approvalId },
      { serviceUrl: connector.url, conversationId: conversation, from: MEGAN },
    );
    expect((await postActivity(bot().live(), click)).status).toBe(200);
    await waitUntil(async () => (await runState(rollout.id))?.status === 'done', 60_000, 'the rollout done');

    expect((await advanceRequests()).map((record) => [record.id, record.status])).toEqual([[approvalId, 'approved']]);
    const run = await runState(rollout.id);
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
