import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intuneGateOf } from '../../core/maa/intune-gate.js';
import { GROUP_IDS } from '../../sandbox/world/directory.js';
import { MEGAN, PATTI } from '../support/activities.js';
import { OffsetClock } from '../support/offset-clock.js';
import type { SandboxRequest } from '../support/sandbox-tenant.js';
import { startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const ENDED = new Set(['done', 'failed', 'cancelled']);
const FAST_INTUNE_WAIT = { firstMs: 50, factor: 2, maxMs: 200 };
const THREE_DAYS_AND_A_MINUTE = 3 * 24 * 3600 + 60;

/**
 * Every Multi Admin Approval walkthrough runs on both dialects of the sandbox (sandbox/README.md): `maa` answers as
 * Microsoft's how-to says (403 ApprovalRequired), `maa-field` as real tenants have been seen to (412 BadRequest with
 * Intune's JSON nested in the message, no `requestId` filter; maa.md "Corrections and field evidence").
 */
const DIALECTS = [
  { scenario: 'maa', heldStatus: 403 },
  { scenario: 'maa-field', heldStatus: 412 },
] as const;

/** What the walkthroughs share: Teams approval, then the Intune hold, and reads of the sandbox. */
function maaSteps(chat: () => WorkflowChat) {
  /** Asks, has Megan approve in Teams, and waits until Intune holds the write; returns the run and the MAA code. */
  async function heldByIntune(
    command: string,
    waitForCard = true,
  ): Promise<{ runId: string; requestId: string; reply: string }> {
    const reply = await chat().say(command);
    const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(reply)?.[1];
    if (!approvalId) throw new Error(`no approval card: ${reply}`);
    const record = await chat().harness.services.approvals.requireRecord(approvalId);
    await chat().press('approval.approve', { approvalId }, 'approval-card', MEGAN);
    const run = await chat().waitForRun(record.runId, (candidate) =>
      candidate.steps.some((step) => step.state === 'waiting' && intuneGateOf(step) !== undefined),
    );
    const requestId = run.steps.map(intuneGateOf).find((gate) => gate !== undefined)?.requestId ?? '';
    if (waitForCard) {
      await chat().harness.connector.waitFor(() => {
        const card = chat().progressCard(run.id).latest;
        return card.includes(requestId) && card.includes('Intune-MAA-Approvers');
      }, 10_000);
    }
    return { runId: run.id, requestId, reply };
  }
  const decide = (requestId: string, verb: 'approve' | 'reject', justification: string) =>
    chat().tenant.control('POST', `maa/requests/${requestId}/${verb}`, { approver: PATTI.aadObjectId, justification });
  async function writesTo(pathEnd: RegExp): Promise<SandboxRequest[]> {
    return (await chat().tenant.requests()).filter((entry) => entry.method !== 'GET' && pathEnd.test(entry.path));
  }
  async function policiesNamed(name: string) {
    return (await chat().tenant.tenant.policies.list({ nameContains: name })).filter((policy) => policy.name === name);
  }
  async function auditActions(runId: string): Promise<string[]> {
    return (await chat().harness.services.audit.read())
      .filter((entry) => entry.target === runId && entry.action.startsWith('intune.'))
      .map((entry) => entry.action);
  }
  async function maaRequests(): Promise<{ id: string; status: string }[]> {
    return ((await chat().tenant.control('GET', 'maa/requests')).json as { requests: { id: string; status: string }[] })
      .requests;
  }
  return { heldByIntune, decide, writesTo, policiesNamed, auditActions, maaRequests };
}

describe.each(DIALECTS)(
  'Intune Multi Admin Approval carries held writes through, against the sandbox tenant ($scenario)',
  ({ scenario, heldStatus }) => {
    let chat: WorkflowChat;
    beforeAll(async () => {
      chat = await startWorkflowChat({ scenario, intuneWaitPolicy: FAST_INTUNE_WAIT, writeSettleMs: 500 });
    });
    afterAll(async () => {
      await chat.close();
    });
    const { heldByIntune, decide, writesTo, policiesNamed, auditActions, maaRequests } = maaSteps(() => chat);

    it('check names the protected workloads and what they mean for AttachOps', async () => {
      const card = await chat.say('check');
      expect(card).toContain('Multi Admin Approval');
      expect(card).toContain('Access policies protect: configuration policies');
      expect(card).toContain('will need a second Intune admin (approver group Intune-MAA-Approvers)');
    });

    it('create: Teams approval, then the Intune gate on the card, then Patti approves and the policy is made once', async () => {
      const { runId, requestId, reply } = await heldByIntune(
        'policy create edr --target configmgr --name "EDR maa" --sample-sharing all',
      );
      // Announced before anyone approves, and told once when Intune holds it, with the request id to copy.
      expect(reply).toContain('Intune will hold this change for a second Intune administrator (Intune-MAA-Approvers)');
      const holdNotice = (call: { body: Record<string, unknown> }) =>
        typeof call.body.text === 'string' && call.body.text.includes(`Request id: \`${requestId}\``);
      await chat.harness.connector.waitFor((calls) => calls.some(holdNotice), 10_000);
      expect(chat.harness.connector.calls.filter(holdNotice)).toHaveLength(1);
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
      expect(creates.map((entry) => entry.status)).toEqual([heldStatus, 201]);
      expect(creates[0]?.maa?.justification).toMatch(/Requested by Alex Wilber.*approved in Teams by Megan Bowen/);
      expect(creates[0]?.maa?.justification).toMatch(/plan sha256 [0-9a-f]{64}/);
      expect(creates[0]?.maa?.code).toBeNull();
      expect(creates[1]?.maa).toEqual({ justification: null, code: requestId });
      expect(await auditActions(runId)).toEqual(['intune.held', 'intune.approved', 'intune.resent']);
      expect((await maaRequests()).map((request) => [request.id, request.status])).toEqual([[requestId, 'completed']]);
      await chat.harness.connector.waitFor(
        () => chat.progressCard(runId).latest.includes('the change was made'),
        10_000,
      );
    });

    it('the request is found whether or not the tenant answers the requestId filter', async () => {
      const [request] = await maaRequests();
      const filtered = (await chat.tenant.requests()).filter(
        (entry) => entry.path.endsWith('/operationApprovalRequests') && entry.query.includes('requestId'),
      );
      expect(filtered.every((entry) => entry.status === (scenario === 'maa' ? 200 : 400))).toBe(true);
      expect(await chat.tenant.tenant.intuneApprovals?.getRequest(request?.id ?? '')).toMatchObject({
        requestId: request?.id,
        status: 'completed',
      });
    });

    it('assign: the same two gates, and the assignment is sent once with the code', async () => {
      const { runId, requestId } = await heldByIntune('assign "EDR maa" --to PS100042');
      expect((await decide(requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(runId, (run) => run.status === 'done');
      const [policy] = await policiesNamed('EDR maa');
      expect(JSON.stringify(await chat.tenant.tenant.policies.getAssignments(policy?.id ?? ''))).toContain('PS100042');
      const assigns = await writesTo(/\/assign$/);
      expect(assigns.map((entry) => [entry.status, entry.maa?.code ?? null])).toEqual([
        [heldStatus, null],
        [200, requestId],
      ]);
    });

    it('a held write whose answer was lost meets 409 when repeated and rejoins the pending request', async () => {
      const before = (await maaRequests()).length;
      const assignsBefore = (await writesTo(/\/assign$/)).length;
      const fault = await chat.tenant.control('POST', 'faults', {
        spec: 'route=/graph/beta/deviceManagement/configurationPolicies/*/assign;method=POST;kind=reset;processed=true;count=1',
      });
      expect(fault.status).toBe(201);
      const { runId, requestId } = await heldByIntune('assign "EDR - Finance (portal)" --to PS100042', false);
      const requests = await maaRequests();
      expect(requests, 'one Intune request, not a second one').toHaveLength(before + 1);
      expect(requests.at(-1)?.id, 'the run waits on the request the lost answer filed').toBe(requestId);
      const assigns = (await writesTo(/\/assign$/)).slice(assignsBefore);
      expect(assigns.map((entry) => entry.status).slice(1)).toEqual([409]);
      expect(assigns.every((entry) => entry.maa?.justification !== null)).toBe(true);

      expect((await decide(requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(runId, (run) => run.status === 'done');
      const after = (await writesTo(/\/assign$/)).slice(assignsBefore);
      expect(after.map((entry) => [entry.status, entry.maa?.code ?? null]).slice(1)).toEqual([
        [409, null],
        [200, requestId],
      ]);
      expect((await maaRequests()).find((request) => request.id === requestId)?.status).toBe('completed');
      expect(await auditActions(runId), 'joined, not held: the lead audits "rejoined"').toEqual([
        'intune.rejoined',
        'intune.approved',
        'intune.resent',
      ]);
    });

    it('a portal change behind a pending request withdraws it and offers a new plan; nothing is overwritten', async () => {
      const { runId, requestId } = await heldByIntune('assign "EDR maa" --to PS100015');
      const [policy] = await policiesNamed('EDR maa');
      const edited = await chat.tenant.control('POST', `portal/policies/${policy?.id ?? ''}/edit`, {
        addGroupId: GROUP_IDS.pilotDevices,
      });
      expect(edited.status).toBe(200);
      expect((await decide(requestId, 'approve', 'ok')).status).toBe(200);
      const run = await chat.waitForRun(runId, (candidate) => ENDED.has(candidate.status), 20_000);
      expect(run.status).not.toBe('done');
      const withCode = (await writesTo(/\/assign$/)).filter((entry) => entry.maa?.code === requestId);
      expect(withCode, 'the stale write is never replayed').toEqual([]);
      const assignments = JSON.stringify(await chat.tenant.tenant.policies.getAssignments(policy?.id ?? ''));
      expect(assignments, "the portal's change stands").toContain(GROUP_IDS.pilotDevices);
      expect((await maaRequests()).find((request) => request.id === requestId)?.status).toBe('cancelled');
      expect(await auditActions(runId)).toContain('intune.withdrawn');
      const asked = await chat.harness.services.approvals.get(String(run.steps[0]?.input.approvalId));
      expect(asked?.status, 'a new plan asks for approval again').toBe('superseded');
      const next = await chat.harness.services.approvals.get(asked?.supersededBy ?? '');
      expect(next?.status).toBe('pending');
      expect(JSON.stringify(run.steps)).toContain(`Request ${next?.id ?? ''} shows the new plan`);
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
      const { runId } = await heldByIntune(
        'policy create edr --target configmgr --name "EDR late" --sample-sharing all',
      );
      expect((await chat.tenant.control('POST', 'clock/advance', { seconds: THREE_DAYS_AND_A_MINUTE })).status).toBe(
        200,
      );
      const refreshed = await chat.press('run.refresh', { runId }, chat.progressCard(runId).activityId);
      expect(refreshed).toContain('Expired in Intune');
      await chat.waitForRun(runId, (run) => run.status === 'failed');
      expect(await policiesNamed('EDR late')).toEqual([]);
      expect(await auditActions(runId)).toEqual(['intune.held', 'intune.expired']);
    });

    /** The writes to the policy itself (PUT, PATCH, DELETE) since `since` of them, as [method, status, code]. */
    async function policyWrites(policyId: string, since = 0) {
      return (await writesTo(new RegExp(`/configurationPolicies/${policyId}$`)))
        .slice(since)
        .map((entry) => [entry.method, entry.status, entry.maa?.code ?? null]);
    }

    it('policy set, rename and delete: each held by Intune, then approved, and the change lands once with the code', async () => {
      const create = await heldByIntune(
        'policy create edr --target configmgr --name "EDR maa lifecycle" --sample-sharing all',
      );
      expect((await decide(create.requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(create.runId, (run) => run.status === 'done');
      const [policy] = await policiesNamed('EDR maa lifecycle');
      const policyId = policy?.id ?? '';
      expect(policyId).not.toBe('');

      const set = await heldByIntune('policy set "EDR maa lifecycle" --sample-sharing none');
      expect((await chat.tenant.tenant.policies.get(policyId))?.draft?.settings).toMatchObject({
        sampleSharing: 'all',
      });
      expect((await decide(set.requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(set.runId, (run) => run.status === 'done');
      expect((await chat.tenant.tenant.policies.get(policyId))?.draft?.settings).toMatchObject({
        sampleSharing: 'none',
      });
      expect(await policyWrites(policyId)).toEqual([
        ['PUT', heldStatus, null],
        ['PUT', 204, set.requestId],
      ]);

      const rename = await heldByIntune('policy rename "EDR maa lifecycle" --name "EDR maa renamed"');
      expect((await decide(rename.requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(rename.runId, (run) => run.status === 'done');
      expect((await policiesNamed('EDR maa renamed')).map((renamed) => renamed.id)).toEqual([policyId]);
      expect(await policyWrites(policyId, 2)).toEqual([
        ['PATCH', heldStatus, null],
        ['PATCH', 204, rename.requestId],
      ]);

      const removal = await heldByIntune('policy delete "EDR maa renamed"');
      expect(await chat.tenant.tenant.policies.get(policyId)).toBeDefined();
      expect((await decide(removal.requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(removal.runId, (run) => run.status === 'done');
      expect(await chat.tenant.tenant.policies.get(policyId)).toBeUndefined();
      expect(await policyWrites(policyId, 4)).toEqual([
        ['DELETE', heldStatus, null],
        ['DELETE', 204, removal.requestId],
      ]);
      for (const runId of [set.runId, rename.runId, removal.runId])
        expect(await auditActions(runId)).toEqual(['intune.held', 'intune.approved', 'intune.resent']);
    });

    it('rename where only a whole PUT updates a policy: one Intune hold, then the PUT lands once with the code', async () => {
      const create = await heldByIntune(
        'policy create edr --target configmgr --name "EDR maa put" --sample-sharing all',
      );
      expect((await decide(create.requestId, 'approve', 'ok')).status).toBe(200);
      await chat.waitForRun(create.runId, (run) => run.status === 'done');
      const [policy] = await policiesNamed('EDR maa put');
      const policyId = policy?.id ?? '';
      expect((await chat.tenant.control('POST', 'policy-update-reading', { reading: 'put-only' })).status).toBe(200);
      try {
        const rename = await heldByIntune('policy rename "EDR maa put" --name "EDR maa put renamed"');
        expect((await decide(rename.requestId, 'approve', 'ok')).status).toBe(200);
        await chat.waitForRun(rename.runId, (run) => run.status === 'done');
        expect((await policiesNamed('EDR maa put renamed')).map((renamed) => renamed.id)).toEqual([policyId]);
        const changed = (await writesTo(new RegExp(`/configurationPolicies/${policyId}$`))).filter(
          (entry) => entry.status < 300,
        );
        expect(changed.map((entry) => [entry.method, entry.maa?.code ?? null])).toEqual([['PUT', rename.requestId]]);
        expect((await chat.tenant.tenant.policies.get(policyId))?.draft?.settings).toMatchObject({
          sampleSharing: 'all',
        });
        expect(await auditActions(rename.runId)).toEqual(['intune.held', 'intune.approved', 'intune.resent']);
      } finally {
        await chat.tenant.control('POST', 'policy-update-reading', { reading: 'patch-and-put' });
      }
    });
  },
);

/** Waits the bot must see end on its own clock: a request nobody can find, a request already carried out. */
describe.each(DIALECTS)(
  'Intune Multi Admin Approval when the request cannot be read as hoped ($scenario)',
  ({ scenario }) => {
    const clock = new OffsetClock();
    let chat: WorkflowChat;
    beforeAll(async () => {
      chat = await startWorkflowChat({ scenario, intuneWaitPolicy: FAST_INTUNE_WAIT, clock });
    });
    afterAll(async () => {
      await chat.close();
    });
    const { heldByIntune, decide, writesTo, policiesNamed, auditActions } = maaSteps(() => chat);

    it('a request that cannot be found is not cancelled: the wait goes on, and expiry ends the run', async () => {
      const { runId, requestId } = await heldByIntune(
        'policy create edr --target configmgr --name "EDR unseen" --sample-sharing all',
      );
      expect((await chat.tenant.control('POST', `maa/requests/${requestId}/hide`)).status).toBe(200);
      const checked = (await chat.harness.services.runs.get(runId))?.steps.find((step) => intuneGateOf(step))?.wait
        ?.checks;
      const still = await chat.waitForRun(runId, (run) => {
        const wait = run.steps.find((step) => intuneGateOf(step))?.wait;
        return ENDED.has(run.status) || (wait?.checks ?? 0) >= (checked ?? 0) + 3;
      });
      expect(still.steps.find((step) => intuneGateOf(step))?.state, 'still waiting for Intune').toBe('waiting');
      expect(await auditActions(runId)).toEqual(['intune.held']);

      expect((await chat.tenant.control('POST', 'clock/advance', { seconds: THREE_DAYS_AND_A_MINUTE })).status).toBe(
        200,
      );
      clock.advance(THREE_DAYS_AND_A_MINUTE * 1000);
      await chat.waitForRun(runId, (run) => run.status === 'failed');
      expect(await policiesNamed('EDR unseen')).toEqual([]);
      expect(await auditActions(runId)).toEqual(['intune.held', 'intune.expired']);
    });

    it('a request already carried out (completed) is settled by reading the tenant, never sent again', async () => {
      const { runId, requestId } = await heldByIntune(
        'policy create edr --target configmgr --name "EDR done elsewhere" --sample-sharing all',
      );
      const run = await chat.harness.services.runs.get(runId);
      const heldWrite = run?.steps.map(intuneGateOf).find((gate) => gate !== undefined)?.heldWrite;
      // The identical write with the code goes through before the bot resends: a resend that landed before a crash.
      expect((await decide(requestId, 'approve', 'ok')).status).toBe(200);
      await chat.tenant.tenant.intuneApprovals?.resend(heldWrite, requestId).catch(() => undefined);
      await chat.waitForRun(runId, (candidate) => ENDED.has(candidate.status));
      expect(await policiesNamed('EDR done elsewhere')).toHaveLength(1);
      const withCode = (await writesTo(/configurationPolicies$/)).filter((entry) => entry.maa?.code === requestId);
      expect(
        withCode.map((entry) => entry.status),
        'one write with the code, and it made the policy',
      ).toEqual([201]);
      expect((await chat.harness.services.runs.get(runId))?.status).toBe('done');
    });
  },
);
