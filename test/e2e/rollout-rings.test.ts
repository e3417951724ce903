import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/runs/run-record.js';
import { ALEX, MEGAN } from '../support/activities.js';
import { OffsetClock } from '../support/offset-clock.js';
import { startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const SOAK_SECONDS = 3600;
const PAST_SOAK_SECONDS = SOAK_SECONDS + 180;
const ENDED = new Set(['done', 'failed', 'cancelled']);
/** Made in the admin center, assigned to PS100015 with an include filter (sandbox/world/portal-policies.ts). */
const PORTAL_POLICY = 'EDR - Finance (portal)';
/** Three disjoint rings: PILOT-EDR-Ring1 (30 devices), Sales Laptops (40), Finance Workstations (30). */
const RINGS = ['PS100016', 'PS100014', 'PS100011'] as const;
const ROLLOUT = `rollout "${PORTAL_POLICY}" --ring "pilot=${RINGS[0]}" --ring "broad=${RINGS[1]}" --ring "all=${RINGS[2]}" --soak 1h`;

/**
 * Three rings end to end on the simulated clock: the real bot over HTTP against the sandbox tenant, the bot's clock
 * (OffsetClock) and the sandbox's moved together past each soak. Each describe has its own sandbox.
 */
async function rolloutChat(): Promise<{ chat: WorkflowChat; clock: OffsetClock; policyId: string; asRead: string }> {
  const clock = new OffsetClock();
  const chat = await startWorkflowChat({
    scenario: 'ready',
    syncDelaySeconds: 0,
    clock,
    env: { ROLLOUT_CHECK_INTERVAL: '100ms' },
  });
  for (const collectionId of RINGS) {
    const answer = await chat.tenant.control('POST', `console/collections/${collectionId}/cloud-sync`, {
      endpointSecurity: true,
    });
    expect(answer.status).toBe(200);
  }
  const [policy] = await chat.tenant.tenant.policies.list({ nameContains: PORTAL_POLICY });
  const policyId = policy?.id ?? '';
  const [existing, ...others] = await chat.tenant.tenant.policies.getAssignments(policyId);
  expect(others).toEqual([]);
  expect(existing?.filter?.mode).toBe('include');
  return { chat, clock, policyId, asRead: JSON.stringify(existing?.asRead) };
}

function helpers(parts: () => { chat: WorkflowChat; clock: OffsetClock; policyId: string }) {
  const gates = (run: RunRecord) => run.steps.filter((step) => step.kind === 'rollout-gate');
  return {
    async outcome(collectionId: string, compliant: number, failed = 0): Promise<void> {
      const answer = await parts().chat.tenant.control('POST', 'compliance/outcomes', {
        collectionId,
        compliant,
        nonCompliant: 0,
        failed,
        reportDelaySeconds: 60,
      });
      expect(answer.status).toBe(200);
    },
    async approve(reply: string): Promise<RunRecord> {
      const { chat } = parts();
      const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(reply)?.[1];
      if (!approvalId) throw new Error(`no approval card: ${reply}`);
      const record = await chat.harness.services.approvals.requireRecord(approvalId);
      await chat.press('approval.approve', { approvalId }, 'approval-card', MEGAN);
      return (await chat.harness.services.runs.get(record.runId)) as RunRecord;
    },
    /** The ring's gate soaking and looked at a few times: nothing more happens before its soak is over. */
    async soaking(runId: string, ring: number): Promise<RunRecord> {
      return parts().chat.waitForRun(
        runId,
        (run) => ENDED.has(run.status) || (gates(run)[ring]?.wait?.checks ?? 0) >= 3,
      );
    },
    async soakOver(): Promise<void> {
      const { chat, clock } = parts();
      expect((await chat.tenant.control('POST', 'clock/advance', { seconds: PAST_SOAK_SECONDS })).status).toBe(200);
      clock.advance(PAST_SOAK_SECONDS * 1000);
    },
    async assigned(): Promise<string[]> {
      const { chat, policyId } = parts();
      return (await chat.tenant.tenant.policies.getAssignments(policyId)).map((target) =>
        target.kind === 'collection' ? target.collectionId : target.kind,
      );
    },
    /** Every assign POST the sandbox saw for the policy, with its body. */
    async assignRequests(): Promise<{ status: number; body: { assignments: unknown[] } }[]> {
      const { chat, policyId } = parts();
      return (await chat.tenant.requests())
        .filter((entry) => entry.method === 'POST' && entry.path.endsWith(`/${policyId}/assign`))
        .map((entry) => ({ status: entry.status, body: entry.body as { assignments: unknown[] } }));
    },
  };
}

/**
 * What one `assign --to` of all three rings leaves: the existing assignment sent back byte for byte as read, then
 * each ring's target, no filter (rings assigned earlier come back as read, with the ids the service gave them).
 */
function expectOneAssignOfAllRings(last: { assignments: unknown[] } | undefined, asRead: string): void {
  expect(last?.assignments).toHaveLength(4);
  expect(JSON.stringify(last?.assignments[0])).toBe(asRead);
  expect(last?.assignments.slice(1).map((assignment) => (assignment as { target: unknown }).target)).toEqual(
    RINGS.map((collectionId) => ({
      '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
      collectionId,
    })),
  );
}

describe('rollout of three rings with --auto, healthy', () => {
  let parts: Awaited<ReturnType<typeof rolloutChat>>;
  const h = helpers(() => parts);
  beforeAll(async () => {
    parts = await rolloutChat();
  });
  afterAll(async () => {
    await parts?.chat.close();
  });

  it('ring 1 at approval, nothing before its soak, ring 2 and 3 each after their gate; one assign of all rings', async () => {
    for (const collectionId of ['PS100015', ...RINGS]) await h.outcome(collectionId, 1);
    const run = await h.approve(await parts.chat.say(`${ROLLOUT} --auto`));

    expect((await h.soaking(run.id, 0)).status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0]]);
    await h.soakOver();
    expect((await h.soaking(run.id, 1)).status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);
    await h.soakOver();
    const done = await parts.chat.waitForRun(run.id, (candidate) => ENDED.has(candidate.status));
    expect(done.status).toBe('done');

    const assigns = await h.assignRequests();
    expect(assigns.map((one) => one.status)).toEqual([200, 200, 200]);
    expectOneAssignOfAllRings(assigns.at(-1)?.body, parts.asRead);
    const actions = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action.startsWith('rollout.'))
      .map((entry) => entry.action);
    expect(actions).toEqual([
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.ring-assigned',
    ]);
    const rings = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action === 'rollout.ring-assigned')
      .map((entry) => entry.details);
    expect(rings).toMatchObject([
      { ringIndex: 0, ring: 'pilot', devices: 30 },
      { ringIndex: 1, ring: 'broad', devices: 40 },
      { ringIndex: 2, ring: 'all', devices: 30 },
    ]);
    // the card follows the stored run: wait for its update rather than read the one sent before the run ended
    await parts.chat.harness.connector.waitFor(() =>
      parts.chat.progressCard(run.id).latest.includes('Rings (3): 3 done'),
    );
    const card = parts.chat.progressCard(run.id).latest;
    expect(card).toContain('Rings (3): 3 done');
    expect(card).toContain('Every ring is assigned.');

    const list = await parts.chat.say('rollouts');
    expect(list).toContain(run.id);
    expect(list).toContain('pilot (30 devices): done: its gate held');
  });
});

describe('rollout of three rings, approve-each', () => {
  let parts: Awaited<ReturnType<typeof rolloutChat>>;
  const h = helpers(() => parts);
  beforeAll(async () => {
    parts = await rolloutChat();
  });
  afterAll(async () => {
    await parts?.chat.close();
  });

  async function secondPersonApproves(runId: string, ring: number): Promise<void> {
    const asking = await parts.chat.waitForRun(runId, (candidate) =>
      candidate.steps.some(
        (step) =>
          step.kind === 'rollout-advance' &&
          (step.input as { ringIndex: number }).ringIndex === ring &&
          step.state === 'waiting-for-approval',
      ),
    );
    const approvalId =
      asking.steps.find(
        (step) => step.kind === 'rollout-advance' && (step.input as { ringIndex: number }).ringIndex === ring,
      )?.approvalId ?? '';
    await parts.chat.harness.connector.waitFor(() =>
      parts.chat.progressCard(runId).latest.includes('waiting for a second person to approve'),
    );
    await parts.chat.press('approval.approve', { approvalId }, 'approval-card', ALEX);
    expect((await parts.chat.harness.services.approvals.requireRecord(approvalId)).status).toBe('pending');
    expect(await h.assigned()).toHaveLength(ring + 1);
    await parts.chat.press('approval.approve', { approvalId }, 'approval-card', MEGAN);
  }

  it('each further ring after its gate and a second person’s approval, never the requester’s', async () => {
    for (const collectionId of ['PS100015', ...RINGS]) await h.outcome(collectionId, 1);
    const run = await h.approve(await parts.chat.say(ROLLOUT));

    expect((await h.soaking(run.id, 0)).status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0]]);
    await h.soakOver();
    await secondPersonApproves(run.id, 1);
    expect((await h.soaking(run.id, 1)).status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);
    await h.soakOver();
    await secondPersonApproves(run.id, 2);
    const done = await parts.chat.waitForRun(run.id, (candidate) => ENDED.has(candidate.status));
    expect(done.status).toBe('done');

    const assigns = await h.assignRequests();
    expect(assigns.map((one) => one.status)).toEqual([200, 200, 200]);
    expectOneAssignOfAllRings(assigns.at(-1)?.body, parts.asRead);
    const actions = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action.startsWith('rollout.'))
      .map((entry) => entry.action);
    expect(actions).toEqual([
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.advance-approved',
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.advance-approved',
      'rollout.ring-assigned',
    ]);
    const approvedBy = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action === 'rollout.advance-approved')
      .map((entry) => [entry.actor.name, (entry.details as { ring?: string }).ring]);
    expect(approvedBy).toEqual([
      ['Megan Bowen', 'broad'],
      ['Megan Bowen', 'all'],
    ]);
  });
});

describe('rollout of three rings, approve-each, paused and cancelled around the next ring’s request', () => {
  let parts: Awaited<ReturnType<typeof rolloutChat>>;
  const h = helpers(() => parts);
  beforeAll(async () => {
    parts = await rolloutChat();
  });
  afterAll(async () => {
    await parts?.chat.close();
  });

  const advanceStep = (run: RunRecord, ring: number) =>
    run.steps.find(
      (step) => step.kind === 'rollout-advance' && (step.input as { ringIndex: number }).ringIndex === ring,
    );
  async function asking(runId: string, ring: number): Promise<string> {
    const run = await parts.chat.waitForRun(runId, (candidate) => {
      const step = advanceStep(candidate, ring);
      return step?.state === 'waiting-for-approval';
    });
    return advanceStep(run, ring)?.approvalId ?? '';
  }

  it('approved while paused: recorded, the ring held until resume; cancelled while asking: the request withdrawn, its card says so', async () => {
    for (const collectionId of ['PS100015', ...RINGS]) await h.outcome(collectionId, 1);
    const run = await h.approve(await parts.chat.say(ROLLOUT));
    expect((await h.soaking(run.id, 0)).status).toBe('waiting');
    await h.soakOver();
    const broad = await asking(run.id, 1);

    await parts.chat.say(`rollout pause ${run.id}`);
    const approvedCard = await parts.chat.press('approval.approve', { approvalId: broad }, 'approval-card', MEGAN);
    expect(approvedCard).toContain(
      'The rollout is paused by Alex Wilber: ring broad is approved and is assigned once someone types rollout resume.',
    );
    expect((await parts.chat.harness.services.approvals.requireRecord(broad)).status).toBe('approved');
    const held = await parts.chat.waitForRun(
      run.id,
      (candidate) => (advanceStep(candidate, 1)?.wait?.checks ?? 0) >= 3,
    );
    expect(advanceStep(held, 1)?.wait?.kind).toBe('rollout-hold');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0]]);
    await parts.chat.harness.connector.waitFor((calls) =>
      JSON.stringify(calls).includes('approved by Megan Bowen; held: paused by Alex Wilber'),
    );

    await parts.chat.say(`rollout resume ${run.id}`);
    expect((await h.soaking(run.id, 1)).status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);

    await h.soakOver();
    const all = await asking(run.id, 2);
    await parts.chat.harness.connector.waitFor((calls) => JSON.stringify(calls).includes(all));
    const cancelled = await parts.chat.say(`rollout cancel ${run.id}`);
    expect(cancelled).toContain('Cancelled: the rings assigned so far stay assigned');
    const withdrawn = await parts.chat.harness.services.approvals.requireRecord(all);
    expect(withdrawn.status).toBe('cancelled');
    expect(withdrawn.decision?.reason).toBe('the rollout was cancelled, so ring all is not assigned.');
    await parts.chat.harness.connector.waitFor((calls) =>
      calls.some(
        (call) =>
          call.method === 'PUT' &&
          JSON.stringify(call).includes('the rollout was cancelled, so ring all is not assigned.') &&
          JSON.stringify(call).includes('Withdrawn'),
      ),
    );
    const late = await parts.chat.press('approval.approve', { approvalId: all }, 'approval-card', MEGAN);
    expect(late).toContain('This request is already cancelled.');
    await h.soakOver();
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);
    expect(JSON.stringify((await h.assignRequests()).map((one) => one.body))).not.toContain(RINGS[2]);
    const actions = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action.startsWith('rollout.'))
      .map((entry) => entry.action);
    expect(actions).toEqual([
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.paused',
      'rollout.advance-approved',
      'rollout.resumed',
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.cancelled',
    ]);
  });
});

describe('rollout of three rings: ring 2 with 10% failed halts; Roll back', () => {
  let parts: Awaited<ReturnType<typeof rolloutChat>>;
  const h = helpers(() => parts);
  beforeAll(async () => {
    parts = await rolloutChat();
  });
  afterAll(async () => {
    await parts?.chat.close();
  });

  it('halts with the figures on the card and in the channel; roll back leaves ring 1 and what was there', async () => {
    for (const collectionId of ['PS100015', RINGS[0], RINGS[2]]) await h.outcome(collectionId, 1);
    await h.outcome(RINGS[1], 0.9, 0.1);
    const run = await h.approve(await parts.chat.say(`${ROLLOUT} --auto`));
    expect((await h.soaking(run.id, 0)).status).toBe('waiting');
    await h.soakOver();
    expect((await h.soaking(run.id, 1)).status).toBe('waiting');
    await h.soakOver();
    const halted = await parts.chat.waitForRun(run.id, (candidate) => ENDED.has(candidate.status));
    expect(halted.status).toBe('failed');

    // 4 of the policy's 80 devices failed (ring 2's 10%): the gate reads the whole policy.
    const figures = 'failed 5% (misses <=2%)';
    await parts.chat.harness.connector.waitFor(() => parts.chat.progressCard(run.id).latest.includes(figures));
    const card = parts.chat.progressCard(run.id).latest;
    expect(card).toContain('halted: its gate failed');
    expect(card).toContain('Roll back this ring');
    expect(card).toContain('Advance anyway');
    await parts.chat.harness.connector.waitFor((calls) =>
      JSON.stringify(calls).includes('Rollout halted at ring broad'),
    );
    const notice = JSON.stringify(parts.chat.harness.connector.cards()).split('Rollout halted at ring broad')[1] ?? '';
    expect(notice).toContain(figures);
    expect(notice).toContain(`rollout rollback ${run.id}`);
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);
    expect(JSON.stringify((await h.assignRequests()).map((one) => one.body))).not.toContain(RINGS[2]);

    const rollback = await h.approve(await parts.chat.say(`rollout rollback ${run.id}`));
    const rolledBack = await parts.chat.waitForRun(rollback.id, (candidate) => ENDED.has(candidate.status));
    expect(rolledBack.status).toBe('done');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0]]);
    const last = (await h.assignRequests()).at(-1)?.body;
    expect(last?.assignments).toHaveLength(2);
    expect(JSON.stringify(last?.assignments[0])).toBe(parts.asRead);
    expect(JSON.stringify((await h.assignRequests()).map((one) => one.body))).not.toContain(RINGS[2]);
    const actions = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action.startsWith('rollout.'))
      .map((entry) => entry.action);
    expect(actions).toEqual([
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.ring-passed',
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.halted',
      'rollout.rollback-requested',
    ]);

    // Advance anyway: the rings after the halted one, as a new rollout approved like any change.
    const advanceReply = await parts.chat.say(`rollout advance ${run.id}`);
    expect(advanceReply).toContain(`Roll out \\"${PORTAL_POLICY}\\" in 1 ring: all (30 devices)`);
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0]]);
    const advanced = await h.approve(advanceReply);
    expect((await parts.chat.waitForRun(advanced.id, (candidate) => ENDED.has(candidate.status))).status).toBe('done');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[2]]);
    expect(JSON.stringify((await h.assignRequests()).at(-1)?.body.assignments[0])).toBe(parts.asRead);
  });
});

describe('rollout pause, resume and cancel', () => {
  let parts: Awaited<ReturnType<typeof rolloutChat>>;
  const h = helpers(() => parts);
  beforeAll(async () => {
    parts = await rolloutChat();
  });
  afterAll(async () => {
    await parts?.chat.close();
  });

  it('a paused ring is not gated past its soak; resumed, the next ring follows; cancelled, the rings assigned stay', async () => {
    for (const collectionId of ['PS100015', ...RINGS]) await h.outcome(collectionId, 1);
    const run = await h.approve(await parts.chat.say(`${ROLLOUT} --auto`));
    expect((await h.soaking(run.id, 0)).status).toBe('waiting');

    const paused = await parts.chat.say(`rollout pause "${PORTAL_POLICY}"`);
    expect(paused).toContain('Paused by Alex Wilber');
    expect(paused).toContain(`rollout resume ${run.id}`);
    await h.soakOver();
    const checks = (await parts.chat.harness.services.runs.get(run.id))?.steps.find(
      (step) => step.kind === 'rollout-gate',
    )?.wait?.checks;
    await parts.chat.waitForRun(
      run.id,
      (candidate) =>
        (candidate.steps.find((step) => step.kind === 'rollout-gate')?.wait?.checks ?? 0) >= (checks ?? 0) + 3,
    );
    expect((await parts.chat.harness.services.runs.get(run.id))?.status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0]]);

    await parts.chat.say(`rollout resume ${run.id}`);
    expect((await h.soaking(run.id, 1)).status).toBe('waiting');
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);

    const cancelled = await parts.chat.say(`rollout cancel "${PORTAL_POLICY}"`);
    expect(cancelled).toContain('Cancelled: the rings assigned so far stay assigned');
    expect((await parts.chat.harness.services.runs.get(run.id))?.status).toBe('cancelled');
    await h.soakOver();
    expect(await h.assigned()).toEqual(['PS100015', RINGS[0], RINGS[1]]);
    expect(JSON.stringify((await h.assignRequests()).map((one) => one.body))).not.toContain(RINGS[2]);
    const actions = (await parts.chat.harness.services.audit.read())
      .filter((entry) => entry.target === run.id && entry.action.startsWith('rollout.'))
      .map((entry) => entry.action);
    expect(actions).toEqual([
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.paused',
      'rollout.resumed',
      'rollout.ring-passed',
      'rollout.ring-assigned',
      'rollout.soak-started',
      'rollout.cancelled',
    ]);
  });
});
