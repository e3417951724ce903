import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { ALEX, invokeActivity, messageActivity } from '../support/activities.js';
import { FakeClock } from '../support/fake-clock.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { cardText, type ComplianceBot, startComplianceBot } from './compliance-harness.js';

interface SandboxSummary {
  targetedDeviceCount: number;
  compliantDeviceCount: number;
  nonCompliantDeviceCount: number;
  failedDeviceCount: number;
  pendingDeviceCount: number;
  enforcedDeviceCount: number;
}

describe('compliance summaries, through the bot against the sandbox tenant', () => {
  let sandbox: SandboxTenant;
  let connector: RecordingConnector;
  let harness: ComplianceBot;
  let configMgrId: string;
  let intuneId: string;
  const conversationId = '19:channel-compliance@thread.tacv2';
  const options = () => ({ serviceUrl: connector.url, place: 'channel' as const, conversationId, from: ALEX });

  async function sandboxSummary(policyId: string): Promise<SandboxSummary> {
    const { json } = await sandbox.control('GET', `policies/${policyId}/compliance`);
    return (json as { summary: SandboxSummary }).summary;
  }

  async function ask(text: string): Promise<string> {
    const before = connector.cards().length;
    await harness.post(messageActivity(text, options()));
    await connector.waitFor(() => connector.cards().length > before, 20_000);
    return cardText(connector.cards().at(-1));
  }

  function countsLine(summary: SandboxSummary): string {
    const reported = summary.targetedDeviceCount - summary.pendingDeviceCount;
    return [
      `Reported: ${reported} of ${summary.targetedDeviceCount}`,
      `Compliant: ${summary.compliantDeviceCount}`,
      `Not compliant: ${summary.nonCompliantDeviceCount}`,
      `Failed: ${summary.failedDeviceCount}`,
      `Pending: ${summary.pendingDeviceCount}`,
    ].join('\n');
  }

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ scenario: 'ready' });
    connector = await startRecordingConnector();
    harness = await startComplianceBot({
      tenant: sandbox.tenant,
      storage: createMemoryStorage(),
      clock: new FakeClock(),
      connector,
    });
    const { policies, directory } = sandbox.tenant;
    configMgrId = (
      await policies.create({
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name: 'EDR - ConfigMgr servers',
        description: '',
        settings: {},
      })
    ).id;
    await policies.assign(configMgrId, [{ kind: 'collection', collectionId: 'PS100042' }]);
    intuneId = (
      await policies.create({
        kind: 'intune-edr',
        profile: 'edr',
        target: 'intune',
        name: 'EDR - Workstations',
        description: '',
        scopeTagIds: [],
        settings: {},
      })
    ).id;
    const [group] = await directory.findGroups('SG-All-Workstations');
    await policies.assign(intuneId, [{ kind: 'group', groupId: group?.id ?? '' }]);
  }, 30_000);

  afterAll(async () => {
    await harness.close();
    await connector.close();
    await sandbox.close();
  });

  it('shows the counts the tenant reports, then what changed after more simulated time', async () => {
    await sandbox.control('POST', 'clock/advance', { seconds: 10 * 60 });
    const first = await ask('compliance');
    const [configMgr, intune] = [await sandboxSummary(configMgrId), await sandboxSummary(intuneId)];
    expect(configMgr.targetedDeviceCount).toBeGreaterThan(0);
    expect(configMgr.pendingDeviceCount).toBeGreaterThan(0);
    expect(first).toContain(countsLine(configMgr));
    expect(first).toContain(countsLine(intune));
    expect(first).toContain('First summary of this policy here.');
    expect(first).toContain('This is the first summary here');
    const buttons = JSON.stringify(connector.cards().at(-1));
    for (const id of [configMgrId, intuneId])
      expect(buttons).toContain(`"verb":"compliance.policy","data":{"policyId":"${id}"}`);
    const summaryCards = connector.cards().length;
    const openReply = await harness.post(invokeActivity('compliance.policy', { policyId: configMgrId }, options()));
    // The summary stays as it was (a note, no replacement card); the policy comes as a new message below it.
    expect(JSON.stringify(openReply.body)).toContain('Opening the policy below the summary');
    expect(connector.cards()).toHaveLength(summaryCards + 1);
    const opened = cardText(connector.cards().at(-1));
    expect(opened).toContain('EDR - ConfigMgr servers');
    expect(opened).toContain('not device by device');
    const forgedPolicy = cardText(
      (
        await harness.post(
          invokeActivity('compliance.policy', { policyId: '11111111-2222-4333-8444-555555555555' }, options()),
        )
      ).body,
    );
    expect(forgedPolicy).toMatch(/Policy not found/);

    await sandbox.control('POST', 'clock/advance', { seconds: 40 * 60 });
    const second = await ask('compliance');
    const later = await sandboxSummary(configMgrId);
    expect(second).toContain(countsLine(later));
    const gained = later.compliantDeviceCount - configMgr.compliantDeviceCount;
    expect(gained).toBeGreaterThan(0);
    expect(second).toMatch(
      new RegExp(`Since the previous summary \\([a-z]+ \\d\\d:\\d\\d UTC\\): \\+${gained} compliant`),
    );
    expect(second).toMatch(/Changes are since the previous summary here, posted [a-z]+ \d\d:\d\d UTC\./);
  }, 30_000);

  it('shows one policy in detail; a ConfigMgr one says why there is no device list and links the admin center', async () => {
    const detail = await ask('compliance "EDR - ConfigMgr servers"');
    expect(detail).toContain('not device by device');
    expect(JSON.stringify(connector.cards().at(-1))).toContain('https://intune.microsoft.com/');
    expect(await ask('compliance "No such policy"')).toMatch(/Policy not found/);
  }, 30_000);

  it('drills into the non-compliant devices of an Intune policy, deciding from server-side state', async () => {
    const { json } = await sandbox.control('GET', `policies/${intuneId}/compliance`);
    const failing = (json as { devices: { name: string; state: string }[] }).devices.filter(
      (device) => device.state === 'nonCompliant' || device.state === 'failed',
    );
    expect(failing.length).toBeGreaterThan(0);
    const reply = await harness.post(invokeActivity('compliance.devices', { policyId: intuneId, page: 1 }, options()));
    const card = (reply.body as { value: unknown }).value;
    const text = cardText(card);
    expect(text).toContain(`${failing.length} ${failing.length === 1 ? 'device' : 'devices'} not compliant or failed`);
    const failedFirst = [...failing].sort(
      (left, right) =>
        Number(left.state !== 'failed') - Number(right.state !== 'failed') || left.name.localeCompare(right.name),
    );
    for (const device of failedFirst.slice(0, 20)) expect(text).toContain(device.name);

    const configMgr = cardText(
      (await harness.post(invokeActivity('compliance.devices', { policyId: configMgrId, page: 1 }, options())))
        .body as { value: unknown },
    );
    expect(configMgr).toContain('not device by device');
    const forged = cardText(
      (
        await harness.post(
          invokeActivity(
            'compliance.devices',
            { policyId: '11111111-2222-4333-8444-555555555555', page: 1 },
            options(),
          ),
        )
      ).body,
    );
    expect(forged).toMatch(/Policy not found/);
    const extra = cardText(
      (
        await harness.post(
          invokeActivity('compliance.devices', { policyId: intuneId, page: 1, target: 'intune' }, options()),
        )
      ).body,
    );
    expect(extra).toMatch(/The Show non-compliant devices \(or its page\) button sent data I cannot read/);
  }, 30_000);

  it('dates the summary with the tenant\'s time: an hour of simulated time later, "Data as of" is an hour later', async () => {
    const asOf = (text: string): number => {
      const match = /Data as of [a-z0-9 ]*?(\d\d):(\d\d) UTC/i.exec(text);
      if (!match) throw new Error(`no "Data as of" in ${text}`);
      return Number(match[1]) * 60 + Number(match[2]);
    };
    const before = asOf(await ask('compliance'));
    await sandbox.control('POST', 'clock/advance', { seconds: 3600 });
    const after = asOf(await ask('compliance'));
    // The bot's own clock stands still here (a FakeClock): only the tenant's time can move the card's.
    const minutes = (after - before + 24 * 60) % (24 * 60);
    expect(minutes).toBeGreaterThanOrEqual(60);
    expect(minutes).toBeLessThanOrEqual(61);
  }, 30_000);
});
