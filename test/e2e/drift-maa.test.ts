import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baselineSchema } from '../../core/drift/baseline.js';
import { normalisePolicy } from '../../core/drift/normalise-policy.js';
import { intuneGateOf } from '../../core/maa/intune-gate.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { ALEX, invokeActivity, MEGAN, messageActivity, PATTI } from '../support/activities.js';
import type { SandboxRequest } from '../support/sandbox-tenant.js';
import { startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const CHANNEL = '19:approvals@thread.tacv2';
const PORTAL_POLICY = 'EDR - Finance (portal)';
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const FILTERED_TARGET = {
  '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
  collectionId: 'PS100015',
};
const FAST_INTUNE_WAIT = { firstMs: 50, factor: 2, maxMs: 200 };
const ENDED = new Set(['done', 'failed', 'cancelled']);
/** Both dialects of the sandbox's Multi Admin Approval (sandbox/README.md; maa.md "Corrections and field evidence"). */
const DIALECTS = [
  { scenario: 'maa', heldStatus: 403 },
  { scenario: 'maa-field', heldStatus: 412 },
] as const;

/**
 * Revert to baseline and Recreate under Intune Multi Admin Approval: approved in Teams by a second person, then each write the revert
 * makes is held by Intune, approved by a second Intune admin, resent once with the request's code, and the tenant ends
 * equal to the approved baseline.
 */
describe.each(DIALECTS)('drift revert under Intune Multi Admin Approval ($scenario)', ({ scenario, heldStatus }) => {
  let chat: WorkflowChat;
  let policyId: string;
  const from = (): { serviceUrl: string } => ({ serviceUrl: chat.harness.connector.url });
  const approvalIds = (): string[] => [
    ...new Set(
      [...JSON.stringify(chat.harness.connector.calls).matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)].map(
        (m) => m[1] ?? '',
      ),
    ),
  ];
  async function newApproval(known: readonly string[]): Promise<string> {
    await chat.harness.connector.waitFor(() => approvalIds().some((id) => !known.includes(id)), 15_000);
    return approvalIds().find((id) => !known.includes(id)) ?? '';
  }
  async function baseline(): Promise<ReturnType<typeof baselineSchema.parse> | undefined> {
    const item = await chat.harness.services.storage.get(`drift/baselines/${policyId.toLowerCase()}`);
    return item ? baselineSchema.parse(item.value) : undefined;
  }
  const driftCardCalls = (): typeof chat.harness.connector.calls =>
    chat.harness.connector.calls.filter(
      (call) => call.conversationId === CHANNEL && JSON.stringify(call.body).includes('Drift episode'),
    );
  const writes = async () =>
    (await chat.tenant.requests()).filter(
      (entry) => entry.path.includes(policyId) && (entry.method === 'PUT' || entry.path.endsWith('/assign')),
    );
  const heldGate = (run: RunRecord): string | undefined =>
    run.steps
      .filter((step) => step.state === 'waiting')
      .map(intuneGateOf)
      .find((gate) => gate !== undefined)?.requestId;

  /**
   * Clicks `verb` on the drift card as Alex, has Megan approve in Teams, then has Patti approve in Intune each write it
   * holds (checking that the held write, the last of `heldWrites`, is justified with `plan`) until the run ends.
   */
  async function carryThroughIntune(
    verb: string,
    episodeId: string,
    plan: string,
    heldWrites: () => Promise<SandboxRequest[]>,
    justification: string,
  ): Promise<{ approvalId: string; runId: string; run: RunRecord; decided: string[] }> {
    const known = approvalIds();
    await chat.harness.post(
      invokeActivity(verb, { episodeId }, { ...from(), from: ALEX, place: 'channel', conversationId: CHANNEL }),
    );
    const approvalId = await newApproval(known);
    await chat.harness.post(invokeActivity('approval.approve', { approvalId }, { ...from(), from: MEGAN }));
    const { runId } = await chat.harness.services.approvals.requireRecord(approvalId);
    const decided: string[] = [];
    for (;;) {
      const run = await chat.waitForRun(runId, (candidate) => {
        const gate = heldGate(candidate);
        return ENDED.has(candidate.status) || (gate !== undefined && !decided.includes(gate));
      });
      const requestId = heldGate(run);
      if (ENDED.has(run.status) || requestId === undefined) break;
      expect((await heldWrites()).at(-1)?.maa?.justification).toContain(plan);
      const answer = await chat.tenant.control('POST', `maa/requests/${requestId}/approve`, {
        approver: PATTI.aadObjectId,
        justification,
      });
      expect(answer.status).toBe(200);
      decided.push(requestId);
    }
    const run = await chat.waitForRun(runId, (candidate) => ENDED.has(candidate.status));
    return { approvalId, runId, run, decided };
  }

  beforeEach(async () => {
    chat = await startWorkflowChat({
      scenario,
      intuneWaitPolicy: FAST_INTUNE_WAIT,
      writeSettleMs: 500,
      env: { APPROVALS_CHANNEL: CHANNEL },
    });
    await chat.harness.post(
      messageActivity('help', { ...from(), from: MEGAN, place: 'channel', conversationId: CHANNEL }),
    );
    const [policy] = await chat.tenant.tenant.policies.list({ nameContains: PORTAL_POLICY });
    policyId = policy?.id ?? '';
    await chat.harness.post(messageActivity(`watch "${PORTAL_POLICY}"`, { ...from(), from: ALEX }));
    const approvalId = await newApproval([]);
    await chat.harness.post(invokeActivity('approval.approve', { approvalId }, { ...from(), from: MEGAN }));
    const { runId } = await chat.harness.services.approvals.requireRecord(approvalId);
    await chat.waitForRun(runId, (run) => ENDED.has(run.status));
    for (let i = 0; i < 200 && (await baseline())?.approvalId !== approvalId; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await chat.harness.services.runs.idle();
    }
    expect(await baseline()).toMatchObject({ approvalId });
  });
  afterEach(async () => {
    await chat.close();
  });

  it('Revert: Teams approval, Intune holds each write, a second Intune admin approves, each is resent once; the tenant equals the baseline', async () => {
    const approved = (await baseline())?.approved;
    await chat.tenant.control('POST', `portal/policies/${policyId}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    await chat.tenant.control('POST', `portal/policies/${policyId}/assignments`, {
      remove: [FILTERED_TARGET],
      actor: 'adele.vance@contoso.example',
    });
    expect(await chat.harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    const card = JSON.stringify(driftCardCalls().find((call) => call.method === 'POST')?.body);
    const episodeId = /"episodeId":"(d-[a-z0-9]+)"/.exec(card)?.[1] ?? '';
    const writesBefore = (await writes()).length;

    const { runId, run, decided } = await carryThroughIntune(
      'drift.revert',
      episodeId,
      `Revert policy "${PORTAL_POLICY}"`,
      writes,
      'revert ok',
    );
    expect(run.status, JSON.stringify(run.steps.map((step) => [step.kind, step.state, step.message]))).toBe('done');
    expect(decided, 'Intune held the settings write and the assignment write').toHaveLength(2);

    const revertWrites = (await writes()).slice(writesBefore);
    expect(revertWrites.map((entry) => [entry.method, entry.status, entry.maa?.code ?? null])).toEqual([
      ['PUT', heldStatus, null],
      ['PUT', 204, decided[0]],
      ['POST', heldStatus, null],
      ['POST', 200, decided[1]],
    ]);
    const intune = await chat.harness.services.audit.read();
    expect(
      intune.filter((entry) => entry.target === runId && entry.action.startsWith('intune.')).map((e) => e.action),
    ).toEqual(['intune.held', 'intune.approved', 'intune.resent', 'intune.held', 'intune.approved', 'intune.resent']);

    const now = await chat.harness.services.tenant?.driftReads?.read(policyId);
    expect(JSON.stringify(now?.assignments)).toBe(JSON.stringify(approved?.assignments));
    expect(JSON.stringify((now?.policy as { settings?: unknown }).settings)).toBe(
      JSON.stringify((approved?.policy as { settings?: unknown }).settings),
    );
    expect(normalisePolicy(now?.policy, now?.assignments ?? [])).toEqual((await baseline())?.state);
    await chat.harness.connector.waitFor(
      () =>
        driftCardCalls().some(
          (call) => call.method === 'PUT' && JSON.stringify(call.body).includes('Reverted to the baseline'),
        ),
      15_000,
    );
    const audit = await chat.harness.services.audit.read();
    expect(audit.filter((entry) => entry.action === 'drift.reverted')).toHaveLength(1);
    expect(await chat.harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0 });
  });

  it('Recreate: the create is held, approved and resent; then the assignment write, held and resent; the new policy equals the baseline', async () => {
    const before = await baseline();
    const approved = before?.approved;
    await chat.tenant.control('DELETE', `portal/policies/${policyId}?actor=megan.bowen@contoso.example`);
    expect(await chat.harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    const card = JSON.stringify(driftCardCalls().find((call) => call.method === 'POST')?.body);
    expect(card).toContain('"verb":"drift.recreate"');
    const episodeId = /"episodeId":"(d-[a-z0-9]+)"/.exec(card)?.[1] ?? '';
    const policyWrites = async () =>
      (await chat.tenant.requests()).filter(
        (entry) =>
          entry.method === 'POST' &&
          /\/deviceManagement\/configurationPolicies(\/[^/?]+\/assign)?(\?|$)/.test(entry.path),
      );
    const writesBefore = (await policyWrites()).length;

    const {
      approvalId: recreateApproval,
      runId,
      run,
      decided,
    } = await carryThroughIntune(
      'drift.recreate',
      episodeId,
      `Recreate deleted policy "${PORTAL_POLICY}"`,
      policyWrites,
      'recreate ok',
    );
    expect(
      run.status,
      JSON.stringify(run.steps.map((step) => [step.kind, step.state, step.message, step.problem?.message])),
    ).toBe('done');
    expect(decided, 'Intune held the create and the assignment write').toHaveLength(2);

    const recreateWrites = (await policyWrites()).slice(writesBefore);
    expect(
      recreateWrites.map((entry) => [
        entry.path.endsWith('/assign') ? 'assign' : 'create',
        entry.status,
        entry.maa?.code ?? null,
      ]),
    ).toEqual([
      ['create', heldStatus, null],
      ['create', 201, decided[0]],
      ['assign', heldStatus, null],
      ['assign', 200, decided[1]],
    ]);
    const intune = await chat.harness.services.audit.read();
    expect(
      intune.filter((entry) => entry.target === runId && entry.action.startsWith('intune.')).map((e) => e.action),
    ).toEqual(['intune.held', 'intune.approved', 'intune.resent', 'intune.held', 'intune.approved', 'intune.resent']);

    const again = (await chat.tenant.tenant.policies.list({ nameContains: PORTAL_POLICY })).filter(
      (p) => p.id !== policyId,
    );
    expect(again, 'one policy made, never two').toHaveLength(1);
    const recreatedId = again[0]?.id ?? '';
    const now = await chat.harness.services.tenant?.driftReads?.read(recreatedId);
    expect(JSON.stringify((now?.assignments ?? []).map((row) => (row as { target?: unknown }).target))).toBe(
      JSON.stringify((approved?.assignments ?? []).map((row) => (row as { target?: unknown }).target)),
    );
    const recreated = normalisePolicy(now?.policy, now?.assignments ?? []);
    // The description differs only by AttachOps' marker with the create's write ref (adapters/graph/restore-body.ts).
    expect({ ...recreated, description: '' }).toEqual({ ...before?.state, description: '' });
    expect(recreated.description).toContain(before?.state.description);
    const moved = await chat.harness.services.storage.get(`drift/baselines/${recreatedId.toLowerCase()}`);
    expect(moved ? baselineSchema.parse(moved.value) : undefined).toMatchObject({
      runId,
      approvalId: recreateApproval,
    });
    expect(await baseline(), 'the deleted policy is no longer watched').toBeUndefined();
    await chat.harness.connector.waitFor(
      () =>
        driftCardCalls().some(
          (call) => call.method === 'PUT' && JSON.stringify(call.body).includes('Recreated as approved'),
        ),
      15_000,
    );
    const audit = await chat.harness.services.audit.read();
    expect(audit.filter((entry) => entry.action === 'drift.recreated')).toEqual([
      expect.objectContaining({
        target: runId,
        details: expect.objectContaining({ deletedPolicy: policyId, newPolicy: recreatedId, episode: episodeId }),
      }),
    ]);
    expect(await chat.harness.bot.drift?.checkNow()).toMatchObject({ watched: 1, opened: 0, updated: 0 });
  });
});
