import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFrom } from '../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../core/drift/baseline-store.js';
import { ASSIGNMENT_FILTERS } from '../../sandbox/world/assignment-filters.js';
import { MEGAN, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CHANNEL = '19:approvals@thread.tacv2';
const FILTER_ID = ASSIGNMENT_FILTERS[0]?.id ?? '';

/** Noise only, through the bot: 100 cycles of portal noise on 10 watched policies post no drift card. */
describe('the drift watch does not cry wolf, end to end', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  const ids: string[] = [];

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({
      tenant: tenant.tenant,
      env: { APPROVERS: 'group:AttachOps-Approvers', APPROVALS_CHANNEL: CHANNEL },
    });
    await harness.post(
      messageActivity('help', {
        serviceUrl: harness.connector.url,
        from: MEGAN,
        place: 'channel',
        conversationId: CHANNEL,
      }),
    );
    const reads = harness.services.tenant?.driftReads;
    if (!reads) throw new Error('no drift reads');
    const baselines = new BaselineStore(harness.services.storage);
    for (let i = 0; i < 10; i += 1) {
      const { id } = await tenant.tenant.policies.create({
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name: `Noise ${i}`,
        description: '',
        settings: { sampleSharing: 'all' },
      });
      await tenant.tenant.policies.assign(id, [
        { kind: 'collection', collectionId: 'PS100015', filter: { id: FILTER_ID, mode: 'include' } },
        { kind: 'collection', collectionId: 'PS100042' },
      ]);
      const state = await reads.read(id);
      if (!state) throw new Error(`no policy ${id}`);
      await baselines.put(baselineFrom(id, state, harness.services.clock.now().toISOString(), { runId: `r-${i}` }));
      ids.push(id);
    }
  }, 60_000);
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  it('posts 0 drift cards in 100 cycles of noise on 10 policies, and still sees a real edit after them', async () => {
    let opened = 0;
    let readInFull = 0;
    for (let cycle = 0; cycle < 100; cycle += 1) {
      for (const id of ids) await tenant.control('POST', `portal/policies/${id}/noise`);
      const report = await harness.bot.drift?.checkNow();
      opened += (report?.opened ?? 0) + (report?.updated ?? 0);
      readInFull += report?.readInFull ?? 0;
    }
    expect(readInFull).toBe(1000);
    expect(opened).toBe(0);
    const driftCards = () =>
      harness.connector.calls.filter(
        (call) => call.conversationId === CHANNEL && JSON.stringify(call.body).includes('Drift episode'),
      );
    expect(driftCards()).toHaveLength(0);
    await tenant.control('POST', `portal/policies/${ids[3] ?? ''}/rename`, {
      name: 'Noise 3 (renamed)',
      actor: 'megan.bowen@contoso.example',
    });
    expect(await harness.bot.drift?.checkNow()).toMatchObject({ opened: 1 });
    expect(driftCards()).toHaveLength(1);
  }, 300_000);
});
