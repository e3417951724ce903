import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { cardText } from './compliance-harness.js';

const CONVERSATION = 'a:personal-rename-e2e';

describe('policy rename, against the sandbox tenant', () => {
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

  const place = () => ({ serviceUrl: harness.connector.url, conversationId: CONVERSATION });
  const say = async (text: string) => {
    const before = harness.connector.cards().length;
    await harness.post(messageActivity(text, { ...place(), from: ALEX }));
    await harness.connector.waitFor(() => harness.connector.cards().length > before, 15_000);
    return cardText(harness.connector.cards().at(-1));
  };
  const approve = async (about: string) => {
    const card = JSON.stringify(harness.connector.cards().filter((sent) => JSON.stringify(sent).includes(about)));
    const approvalId = [...card.matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)].at(-1)?.[1] ?? '';
    expect(
      (await harness.post(invokeActivity('approval.approve', { approvalId }, { ...place(), from: MEGAN }))).status,
    ).toBe(200);
    await harness.services.runs.idle();
  };
  const policyWrites = async (id: string) =>
    (await tenant.requests()).filter(
      (entry) => entry.method !== 'GET' && entry.path.endsWith(`/configurationPolicies/${id}`),
    );

  it.each([
    ['the documented PATCH', 'patch-and-put', ['PATCH']],
    ['a refused PATCH, then the whole policy PUT (the public code reading)', 'put-only', ['PATCH', 'PUT']],
  ] as const)(
    'renames after approval with %s: one change, settings, description and assignments kept',
    async (_label, reading, methods) => {
      expect((await tenant.control('POST', 'policy-update-reading', { reading })).status).toBe(200);
      const name = `Firewall - rename ${reading}`;
      const renamed = `Firewall - renamed ${reading}`;
      const created = await tenant.tenant.policies.create(
        {
          kind: 'configmgr-firewall',
          profile: 'firewall',
          target: 'configmgr',
          name,
          description: 'Servers',
          settings: { domainFirewall: true },
        },
        { ref: `ref-${reading}`, beforeSend: async () => undefined },
      );
      await tenant.tenant.policies.assign(created.id, [{ kind: 'collection', collectionId: 'PS100042' }]);
      const before = await tenant.tenant.policies.get(created.id);

      await say(`policy rename "${name}" --name "${renamed}"`);
      const plan = harness.connector
        .cards()
        .map(cardText)
        .filter((text) => text.includes(renamed));
      expect(plan.join('\n')).toContain(`${name} -> ${renamed}`);
      expect(await policyWrites(created.id)).toEqual([]);
      await approve(renamed);

      const after = await tenant.tenant.policies.get(created.id);
      expect(after?.name).toBe(renamed);
      const kept = (policy: typeof after) => ({
        description: policy?.description,
        settings: policy?.draft?.settings,
        assignments: policy?.assignments,
        managedByAttachOps: policy?.managedByAttachOps,
        writeRef: policy?.writeRef,
        unmodelledSettingIds: policy?.unmodelledSettingIds,
      });
      expect(kept(after)).toEqual(kept(before));
      expect(kept(after)).toMatchObject({ description: 'Servers', settings: { domainFirewall: true } });
      const writes = await policyWrites(created.id);
      expect(writes.map((entry) => entry.method)).toEqual(methods);
      expect(writes.at(-1)?.status).toBeLessThan(300);
      expect(writes.slice(0, -1).every((entry) => entry.status === 400)).toBe(true);
    },
  );

  it('refuses a name another policy has, naming it, and a blank or too long name at the command', async () => {
    await tenant.control('POST', 'policy-update-reading', { reading: 'patch-and-put' });
    const created = await tenant.tenant.policies.create(
      {
        kind: 'configmgr-firewall',
        profile: 'firewall',
        target: 'configmgr',
        name: 'Firewall - taken test',
        description: '',
        settings: { domainFirewall: true },
      },
      { ref: 'ref-taken', beforeSend: async () => undefined },
    );
    expect(await say('policy rename "Firewall - taken test" --name "edr - finance (PORTAL)"')).toMatch(
      /Another policy is already named "EDR - Finance \(portal\)"[\s\S]*made outside AttachOps/,
    );
    expect(await say('policy rename "Firewall - taken test" --name " "')).toMatch(/name/i);
    expect(await say(`policy rename "Firewall - taken test" --name "${'x'.repeat(201)}"`)).toMatch(/200/);
    expect(await policyWrites(created.id)).toEqual([]);
  });
});
