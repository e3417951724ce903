import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CONVERSATION = 'a:personal-unassign-e2e';
const PORTAL_POLICY = 'EDR - Finance (portal)';

/** graph-intune.md §11.2: unassign sends every other assignment back exactly as read, in one write. */
describe('unassign, against the sandbox tenant', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant });
  });
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  it('plans what stays (its filter by name) and the devices losing the policy, then writes once, the rest as read', async () => {
    const [policy] = await tenant.tenant.policies.list({ nameContains: PORTAL_POLICY });
    const policyId = policy?.id ?? '';
    const [existing] = await tenant.tenant.policies.getAssignments(policyId);
    await tenant.tenant.policies.assign(policyId, [
      ...(existing ? [existing] : []),
      { kind: 'collection', collectionId: 'PS100042' },
    ]);
    const [kept] = await tenant.tenant.policies.getAssignments(policyId);
    const asRead = JSON.stringify(kept?.asRead);
    const writesBefore = (await tenant.requests()).filter(
      (entry) => entry.method === 'POST' && entry.path.endsWith(`/${policyId}/assign`),
    ).length;

    const place = { serviceUrl: harness.connector.url, conversationId: CONVERSATION };
    await harness.post(messageActivity(`unassign "${PORTAL_POLICY}" --from PS100042`, { ...place, from: ALEX }));
    await harness.connector.waitFor((calls) => JSON.stringify(calls).includes('Approval needed'), 15_000);
    const card = JSON.stringify(harness.connector.cards());
    expect(card).toContain('stays exactly as it is, filter Windows 11 devices (include)');
    expect(card).toContain('no longer assigned');
    expect(card).toMatch(/Devices losing the policy/);
    expect(await tenant.tenant.policies.getAssignments(policyId)).toHaveLength(2);

    const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(card)?.[1] ?? '';
    expect(
      (await harness.post(invokeActivity('approval.approve', { approvalId }, { ...place, from: MEGAN }))).status,
    ).toBe(200);
    await harness.services.runs.idle();

    const writes = (await tenant.requests()).filter(
      (entry) => entry.method === 'POST' && entry.path.endsWith(`/${policyId}/assign`),
    );
    expect(writes.length - writesBefore).toBe(1);
    const sent = writes.at(-1)?.body as { assignments: unknown[] } | undefined;
    expect(sent?.assignments).toHaveLength(1);
    expect(JSON.stringify(sent?.assignments[0])).toBe(asRead);
    const after = await tenant.tenant.policies.getAssignments(policyId);
    expect(
      after.map((target) => [target.kind === 'collection' ? target.collectionId : '', target.filter?.mode]),
    ).toEqual([['PS100015', 'include']]);
  });
});
