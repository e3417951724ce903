import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CHANNEL = '19:approvals@thread.tacv2';
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';

/** A policy AttachOps created under four eyes, changed in the portal, seen by the drift watch and posted. */
describe('the drift watch end to end', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  beforeEach(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({
      tenant: tenant.tenant,
      env: { APPROVERS: 'group:AttachOps-Approvers', APPROVALS_CHANNEL: CHANNEL },
    });
  });
  afterEach(async () => {
    await harness.close();
    await tenant.close();
  });

  it('records the approved baseline, then posts a portal change with who made it, once', async () => {
    const from = { serviceUrl: harness.connector.url };
    await harness.post(messageActivity('help', { ...from, from: MEGAN, place: 'channel', conversationId: CHANNEL }));
    await harness.post(
      messageActivity('policy create edr --target configmgr --name "EDR watched" --sample-sharing all', {
        ...from,
        from: ALEX,
      }),
    );
    await harness.connector.waitFor((calls) => /"approvalId":"a-/.test(JSON.stringify(calls)), 15_000);
    const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(JSON.stringify(harness.connector.calls))?.[1];
    await harness.post(invokeActivity('approval.approve', { approvalId }, { ...from, from: MEGAN }));
    await harness.services.runs.idle();
    const [policy] = (await tenant.tenant.policies.list({ nameContains: 'EDR watched' })).filter(
      (p) => p.name === 'EDR watched',
    );
    if (!policy) throw new Error('the policy was not created');
    const baselineKey = `drift/baselines/${policy.id.toLowerCase()}`;
    for (let i = 0; i < 100 && !(await harness.services.storage.get(baselineKey)); i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await harness.services.runs.idle();
    }
    expect((await harness.services.storage.get(baselineKey))?.value).toMatchObject({ approvalId });

    expect(await harness.bot.drift?.checkNow()).toMatchObject({ watched: 1, opened: 0 });
    await tenant.control('POST', `portal/policies/${policy.id}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    await tenant.control('POST', `portal/policies/${policy.id}/noise`);
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 0, updated: 0 });
    const posts = harness.connector.calls.filter(
      (call) => call.conversationId === CHANNEL && JSON.stringify(call.body).includes('Drift on policy EDR watched'),
    );
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]?.body);
    expect(text).toContain(`${SAMPLE_SHARING}: ${SAMPLE_SHARING}_1 → ${SAMPLE_SHARING}_0`);
    expect(text).toContain('megan.bowen@contoso.example (a person) at ');
    expect(text).toContain('Revert to baseline');
    const detected = (await harness.services.audit.read()).filter((entry) => entry.action === 'drift.detected');
    expect(detected.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ baselineApproval: approvalId, changedBy: ['megan.bowen@contoso.example'] }),
    ]);
  });
});
