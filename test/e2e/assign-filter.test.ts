import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CONVERSATION = 'a:personal-assign-filter-e2e';
const PORTAL_POLICY = 'EDR - Finance (portal)';

/** graph-intune.md §11.2: a merge sends every existing assignment back exactly as read. */
describe('assign keeps an assignment filter made in the admin center, against the sandbox tenant', () => {
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

  it('shows the filter on the approval card and sends the first assignment back byte for byte', async () => {
    const [policy] = await tenant.tenant.policies.list({ nameContains: PORTAL_POLICY });
    const policyId = policy?.id ?? '';
    const [existing] = await tenant.tenant.policies.getAssignments(policyId);
    expect(existing?.filter?.mode).toBe('include');
    const asRead = JSON.stringify(existing?.asRead);

    const place = { serviceUrl: harness.connector.url, conversationId: CONVERSATION };
    await harness.post(
      messageActivity(`assign "${PORTAL_POLICY}" --to PS100042 --filter "Corporate Windows" --filter-mode exclude`, {
        ...place,
        from: ALEX,
      }),
    );
    await harness.connector.waitFor((calls) => JSON.stringify(calls).includes('Approval needed'), 15_000);
    const card = JSON.stringify(harness.connector.cards());
    expect(card).toContain('stays assigned, filter Windows 11 devices (include)');
    expect(card).toContain('newly assigned, filter Corporate Windows (exclude)');
    const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(card)?.[1] ?? '';
    expect(
      (await harness.post(invokeActivity('approval.approve', { approvalId }, { ...place, from: MEGAN }))).status,
    ).toBe(200);

    let sent: { assignments: unknown[] } | undefined;
    for (let attempt = 0; attempt < 200 && sent === undefined; attempt += 1) {
      const assign = (await tenant.requests()).find(
        (entry) => entry.method === 'POST' && entry.path.endsWith(`/${policyId}/assign`) && entry.status === 200,
      );
      sent = assign?.body as { assignments: unknown[] } | undefined;
      if (sent === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sent?.assignments).toHaveLength(2);
    expect(JSON.stringify(sent?.assignments[0])).toBe(asRead);
    const after = await tenant.tenant.policies.getAssignments(policyId);
    expect(
      after.map((target) => [target.kind === 'collection' ? target.collectionId : '', target.filter?.mode]),
    ).toEqual([
      ['PS100015', 'include'],
      ['PS100042', 'exclude'],
    ]);
  });
});
