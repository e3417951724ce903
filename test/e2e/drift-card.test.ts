import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GROUP_IDS } from '../../sandbox/world/directory.js';
import { normalisePolicy } from '../../core/drift/normalise-policy.js';
import { baselineSchema } from '../../core/drift/baseline.js';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CHANNEL = '19:approvals@thread.tacv2';
const PORTAL_POLICY = 'EDR - Finance (portal)';
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const FILTERED_TARGET = {
  '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
  collectionId: 'PS100015',
};

/** The drift card end to end: a policy adopted with `watch`, changed in the portal, reverted or accepted from the card. */
describe('the drift card end to end', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  let policyId: string;
  const from = (): { serviceUrl: string } => ({ serviceUrl: harness.connector.url });

  const approvalIds = (): string[] => [
    ...new Set(
      [...JSON.stringify(harness.connector.calls).matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)].map((m) => m[1] ?? ''),
    ),
  ];
  async function approveNewRequest(known: readonly string[]): Promise<string> {
    await harness.connector.waitFor(() => approvalIds().some((id) => !known.includes(id)), 15_000);
    const approvalId = approvalIds().find((id) => !known.includes(id)) ?? '';
    const answer = await harness.post(invokeActivity('approval.approve', { approvalId }, { ...from(), from: MEGAN }));
    expect(answer.status).toBe(200);
    await harness.services.runs.idle();
    return approvalId;
  }
  async function baseline(): Promise<ReturnType<typeof baselineSchema.parse> | undefined> {
    const item = await harness.services.storage.get(`drift/baselines/${policyId.toLowerCase()}`);
    return item ? baselineSchema.parse(item.value) : undefined;
  }
  const driftCardCalls = (): typeof harness.connector.calls =>
    harness.connector.calls.filter(
      (call) => call.conversationId === CHANNEL && JSON.stringify(call.body).includes('Drift episode'),
    );
  const driftCardPosts = (): typeof harness.connector.calls =>
    driftCardCalls().filter((call) => call.method === 'POST');
  async function tenantState(): Promise<{ policy: unknown; assignments: readonly unknown[] }> {
    const state = await harness.services.tenant?.driftReads?.read(policyId);
    if (!state) throw new Error('the policy is gone');
    return state;
  }

  beforeEach(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({
      tenant: tenant.tenant,
      env: { APPROVERS: 'group:AttachOps-Approvers', APPROVALS_CHANNEL: CHANNEL },
    });
    await harness.post(messageActivity('help', { ...from(), from: MEGAN, place: 'channel', conversationId: CHANNEL }));
    const [policy] = await tenant.tenant.policies.list({ nameContains: PORTAL_POLICY });
    policyId = policy?.id ?? '';
    await harness.post(messageActivity(`watch "${PORTAL_POLICY}"`, { ...from(), from: ALEX }));
    const approvalId = await approveNewRequest([]);
    for (let i = 0; i < 100 && (await baseline())?.approvalId !== approvalId; i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await harness.services.runs.idle();
    }
    expect(await baseline()).toMatchObject({ approvalId, state: { name: PORTAL_POLICY } });
  });
  afterEach(async () => {
    await harness.close();
    await tenant.close();
  });

  it('shows a setting flip and a removed target on one card with who and when; Revert puts the tenant back byte for byte', async () => {
    const approved = (await baseline())?.approved;
    expect(JSON.stringify(approved?.assignments)).toContain('deviceAndAppManagementAssignmentFilterId');
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ watched: 1, opened: 0 });

    await tenant.control('POST', `portal/policies/${policyId}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    await tenant.control('POST', `portal/policies/${policyId}/assignments`, {
      remove: [FILTERED_TARGET],
      actor: 'adele.vance@contoso.example',
    });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0 });
    expect(driftCardPosts()).toHaveLength(1);
    const card = JSON.stringify(driftCardPosts()[0]?.body);
    expect(card).toContain(`Drift on policy ${PORTAL_POLICY}`);
    expect(card).toContain(`${SAMPLE_SHARING}: ${SAMPLE_SHARING}_1 → ${SAMPLE_SHARING}_0`);
    expect(card).toContain('Target removed: collection PS100015');
    expect(card).toContain('megan.bowen@contoso.example (a person) at ');
    expect(card).toContain('adele.vance@contoso.example (a person) at ');
    expect(card).toMatch(/ at (today|yesterday|[A-Z][a-z]{2} \d+)[^"]*\d\d:\d\d UTC/);
    expect(card).toContain('Revert to baseline');
    expect(card).toContain('Open in Intune');
    expect(card).toContain(`PolicySummaryBlade/policyId/${policyId}`);
    const episodeId = /"episodeId":"(d-[a-z0-9]+)"/.exec(card)?.[1] ?? '';

    const known = approvalIds();
    const clicked = await harness.post(
      invokeActivity(
        'drift.revert',
        { episodeId },
        { ...from(), from: ALEX, place: 'channel', conversationId: CHANNEL },
      ),
    );
    expect(JSON.stringify(clicked.body)).toContain('Alex Wilber asked to revert it');
    await harness.connector.waitFor(() => approvalIds().some((id) => !known.includes(id)), 15_000);
    const revertApproval = approvalIds().find((id) => !known.includes(id)) ?? '';
    const selfApproval = await harness.post(
      invokeActivity('approval.approve', { approvalId: revertApproval }, { ...from(), from: ALEX }),
    );
    expect(JSON.stringify(selfApproval.body)).not.toContain('Reverted');
    expect((await tenantState()).assignments).toEqual([]);
    await approveNewRequest(known);

    const writes = (await tenant.requests()).filter(
      (entry) => entry.path.includes(policyId) && (entry.method === 'PUT' || entry.path.endsWith('/assign')),
    );
    expect(writes.map((entry) => [entry.method, entry.status])).toEqual([
      ['PUT', 204],
      ['POST', 200],
    ]);
    for (const write of writes) expect(write.maa?.justification).toContain(`Revert policy "${PORTAL_POLICY}"`);
    const now = await tenantState();
    expect(JSON.stringify(now.assignments)).toBe(JSON.stringify(approved?.assignments));
    const approvedSettings = (approved?.policy as { settings?: unknown }).settings;
    expect(JSON.stringify((now.policy as { settings?: unknown }).settings)).toBe(JSON.stringify(approvedSettings));
    expect(normalisePolicy(now.policy, now.assignments)).toEqual((await baseline())?.state);
    await harness.connector.waitFor(
      () =>
        driftCardCalls().some(
          (call) => call.method === 'PUT' && JSON.stringify(call.body).includes('Reverted to the baseline'),
        ),
      15_000,
    );
    const audit = await harness.services.audit.read();
    expect(audit.filter((entry) => entry.action === 'drift.detected')).toHaveLength(1);
    expect(audit.filter((entry) => entry.action === 'drift.reverted')).toEqual([
      // Stored with the closing step's transition (exactly once across a crash): the episode rides in the details,
      // since an outbox entry's correlationId is its own key (core/audit/audit-outbox.ts).
      expect.objectContaining({
        details: expect.objectContaining({ policy: PORTAL_POLICY, episode: episodeId }),
      }),
    ]);
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0, closed: 1 });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0, closed: 0, readInFull: 0 });
    expect(driftCardPosts()).toHaveLength(1);
  });

  it('Accept as baseline: approved by someone else, the next cycle is quiet, a later drift is a new episode', async () => {
    await tenant.control('POST', `portal/policies/${policyId}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    const first = /"episodeId":"(d-[a-z0-9]+)"/.exec(JSON.stringify(driftCardPosts()[0]?.body))?.[1] ?? '';
    const known = approvalIds();
    const clicked = await harness.post(
      invokeActivity(
        'drift.accept',
        { episodeId: first },
        { ...from(), from: ALEX, place: 'channel', conversationId: CHANNEL },
      ),
    );
    expect(JSON.stringify(clicked.body)).toContain('asked to accept it as the baseline');
    const acceptApproval = await approveNewRequest(known);
    expect(await baseline()).toMatchObject({ approvalId: acceptApproval });
    await harness.connector.waitFor(
      () => driftCardCalls().some((call) => JSON.stringify(call.body).includes('Accepted as the new baseline')),
      15_000,
    );
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0 });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0, readInFull: 0 });

    await tenant.control('POST', `portal/policies/${policyId}/rename`, {
      name: 'EDR - Finance (renamed)',
      actor: 'megan.bowen@contoso.example',
    });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    expect(driftCardPosts()).toHaveLength(2);
    const second = /"episodeId":"(d-[a-z0-9]+)"/.exec(JSON.stringify(driftCardPosts()[1]?.body))?.[1] ?? '';
    expect(second).not.toBe(first);
    const audit = await harness.services.audit.read();
    expect(audit.filter((entry) => entry.action === 'drift.accepted')).toHaveLength(1);
  });

  it('a deleted policy gets Recreate; the policy comes back with its approved settings and filtered assignment', async () => {
    const before = await baseline();
    const approved = before?.approved;
    await tenant.control('DELETE', `portal/policies/${policyId}?actor=megan.bowen@contoso.example`);
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    const card = JSON.stringify(driftCardPosts()[0]?.body);
    expect(card).toContain(`Policy ${PORTAL_POLICY} was deleted`);
    expect(card).toContain('"verb":"drift.recreate"');
    expect(card).not.toContain('"verb":"drift.revert"');
    const episodeId = /"episodeId":"(d-[a-z0-9]+)"/.exec(card)?.[1] ?? '';
    const known = approvalIds();
    await harness.post(
      invokeActivity(
        'drift.recreate',
        { episodeId },
        { ...from(), from: ALEX, place: 'channel', conversationId: CHANNEL },
      ),
    );
    const recreateRequest = await approveNewRequest(known);
    // the plan names the approved target's group and filter by name; their ids are behind Details
    const planCard = harness.connector.calls
      .map((call) => JSON.stringify(call.body))
      .find((body) => body.includes(recreateRequest) && body.includes('Recreate deleted policy'));
    const filterIds = (approved?.assignments ?? []).map(
      (row) =>
        (row as { target?: { deviceAndAppManagementAssignmentFilterId?: string } }).target
          ?.deviceAndAppManagementAssignmentFilterId,
    );
    const filters = await tenant.tenant.policies.listAssignmentFilters();
    const filterName = filters.find((filter) => filterIds.includes(filter.id))?.displayName;
    expect(filterName).toBeDefined();
    expect(planCard).toContain(`filter ${filterName ?? ''}`);
    const again = (await tenant.tenant.policies.list({ nameContains: PORTAL_POLICY })).filter((p) => p.id !== policyId);
    expect(again).toHaveLength(1);
    const recreatedId = again[0]?.id ?? '';
    const state = await harness.services.tenant?.driftReads?.read(recreatedId);
    expect(JSON.stringify((state?.assignments ?? []).map((row) => (row as { target?: unknown }).target))).toBe(
      JSON.stringify((approved?.assignments ?? []).map((row) => (row as { target?: unknown }).target)),
    );
    expect(normalisePolicy(state?.policy, state?.assignments ?? []).settings).toEqual(before?.state.settings);
    await harness.connector.waitFor(
      () =>
        driftCardCalls().some(
          (call) => call.method === 'PUT' && JSON.stringify(call.body).includes('Recreated as approved'),
        ),
      15_000,
    );
    const moved = await harness.services.storage.get(`drift/baselines/${recreatedId.toLowerCase()}`);
    expect(moved, 'the recreated policy is the watched one').toBeDefined();
    expect(await baseline(), 'the deleted one is no longer watched').toBeUndefined();
    const audit = await harness.services.audit.read();
    expect(audit.filter((entry) => entry.action === 'drift.recreated')).toHaveLength(1);
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ watched: 1, opened: 0 });
  });

  it('names a group target by its display name, its object id in Details', async () => {
    const name = 'EDR groups (Intune)';
    const known = approvalIds();
    await harness.post(
      messageActivity(`policy create edr --target intune --name "${name}" --sample-sharing all`, {
        ...from(),
        from: ALEX,
      }),
    );
    const approvalId = await approveNewRequest(known);
    const [created] = (await tenant.tenant.policies.list({ nameContains: name })).filter((p) => p.name === name);
    const createdId = created?.id ?? '';
    const key = `drift/baselines/${createdId.toLowerCase()}`;
    for (let i = 0; i < 100 && !(await harness.services.storage.get(key)); i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await harness.services.runs.idle();
    }
    expect((await harness.services.storage.get(key))?.value).toMatchObject({ approvalId });
    const added = await tenant.control('POST', `portal/policies/${createdId}/assignments`, {
      add: [{ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GROUP_IDS.pilotDevices }],
      actor: 'megan.bowen@contoso.example',
    });
    expect(added.status, JSON.stringify(added.json)).toBe(200);
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    const card = JSON.stringify(driftCardPosts().find((call) => JSON.stringify(call.body).includes(name))?.body);
    expect(card).toContain('Target added: group SG-Pilot-Devices (no filter)');
    expect(card).not.toContain('group an id shown in Details');
    expect(card).toContain(GROUP_IDS.pilotDevices);
  });
});
