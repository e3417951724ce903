import { describe, expect, it } from 'vitest';
import { waitUntil } from '../support/bot-process.js';
import { SOAK_MS, type StoredRun, useRolloutKillBot } from './rollout-kill-bot.js';

/** kill -9 of the built bot while a ring soaks: the restarted process goes on with the same soak and gate. */
describe('killing the bot while a rollout ring soaks', () => {
  const bot = useRolloutKillBot('rollout-kill-soak');

  it('goes on after a restart: ring 1 assigned once, the gate after the same soak, ring 2 assigned once', async () => {
    const { tenant, runState, requestAndApprove } = bot();
    const policyId = await bot().createdPolicy(
      'policy create edr --target configmgr --name "EDR rings kill" --sample-sharing all',
      'EDR rings kill',
    );
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

    await bot().killAndRestart();

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
