import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { cardText } from './compliance-harness.js';

const CONVERSATION = 'a:personal-delete-e2e';

describe('policy delete, against the sandbox tenant', () => {
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

  it('is refused while assigned, then with --unassign deletes once after approval; a portal policy is refused', async () => {
    const name = 'Firewall - delete me';
    const created = await tenant.tenant.policies.create({
      kind: 'configmgr-firewall',
      profile: 'firewall',
      target: 'configmgr',
      name,
      description: '',
      settings: { domainFirewall: true },
    });
    await tenant.tenant.policies.assign(created.id, [{ kind: 'collection', collectionId: 'PS100042' }]);
    const place = { serviceUrl: harness.connector.url, conversationId: CONVERSATION };
    const say = async (text: string) => {
      const before = harness.connector.cards().length;
      await harness.post(messageActivity(text, { ...place, from: ALEX }));
      await harness.connector.waitFor(() => harness.connector.cards().length > before, 15_000);
      return cardText(harness.connector.cards().at(-1));
    };

    expect(await say(`policy delete "${name}"`)).toMatch(/The policy is assigned/);
    expect(await say('policy delete "EDR - Finance (portal)"')).toMatch(/did not make this policy/);
    // Alex is an admin in this harness: --force lets the portal policy through, and it is still refused as assigned.
    expect(await say('policy delete "EDR - Finance (portal)" --force')).toMatch(/The policy is assigned/);

    await say(`policy delete "${name}" --unassign`);
    const card = JSON.stringify(harness.connector.cards());
    expect(card).toContain('Devices affected');
    const approvalId = [...card.matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)].at(-1)?.[1] ?? '';
    expect(await tenant.tenant.policies.get(created.id)).toBeDefined();
    expect(
      (await harness.post(invokeActivity('approval.approve', { approvalId }, { ...place, from: MEGAN }))).status,
    ).toBe(200);
    await harness.services.runs.idle();
    expect(await tenant.tenant.policies.get(created.id)).toBeUndefined();
    const deletes = (await tenant.requests()).filter(
      (entry) => entry.method === 'DELETE' && entry.path.endsWith(`/configurationPolicies/${created.id}`),
    );
    expect(deletes).toHaveLength(1);
  });
});
