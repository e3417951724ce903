import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { subscriptionStoreOf } from '../../bot/compliance/subscription-store-of.js';
import { ALEX, messageActivity } from '../support/activities.js';
import { FakeClock } from '../support/fake-clock.js';
import {
  startRecordingConnector,
  type ConnectorCall,
  type RecordingConnector,
} from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { cardText, type ComplianceBot, startComplianceBot } from './compliance-harness.js';

const MINUTE = 60_000;

describe('compliance subscriptions, through the bot against the sandbox tenant', () => {
  let sandbox: SandboxTenant;
  let connector: RecordingConnector;
  let harness: ComplianceBot;
  const storage = createMemoryStorage();
  const clock = new FakeClock();
  const conversationId = '19:channel-subscribed@thread.tacv2';
  const options = () => ({ serviceUrl: connector.url, place: 'channel' as const, conversationId, from: ALEX });
  const isScheduledPost = (call: ConnectorCall): boolean =>
    call.method === 'POST' && call.status < 300 && JSON.stringify(call.body).includes('Scheduled compliance summary');
  const scheduledPosts = (): ConnectorCall[] => connector.calls.filter(isScheduledPost);

  async function ask(text: string): Promise<string> {
    const before = connector.cards().length;
    await harness.post(messageActivity(text, options()));
    await connector.waitFor(() => connector.cards().length > before, 20_000);
    return cardText(connector.cards().at(-1));
  }

  async function nextSlot(expectedPosts: number): Promise<string> {
    clock.advance(MINUTE);
    await connector.waitFor(() => scheduledPosts().length >= expectedPosts, 20_000);
    return cardText(scheduledPosts().at(-1)?.body);
  }

  beforeAll(async () => {
    sandbox = await startSandboxTenant({ scenario: 'ready' });
    connector = await startRecordingConnector();
    harness = await startComplianceBot({ tenant: sandbox.tenant, storage, clock, connector });
    const { policies } = sandbox.tenant;
    const { id } = await policies.create({
      kind: 'configmgr-antivirus',
      profile: 'antivirus',
      target: 'configmgr',
      name: 'AV - ConfigMgr',
      description: '',
      settings: {},
    });
    await policies.assign(id, [{ kind: 'collection', collectionId: 'PS100015' }]);
  }, 30_000);

  afterAll(async () => {
    await harness.close();
    await connector.close();
    await sandbox.close();
  });

  it('answers bad schedules, zones and policies with a usage card naming the value', async () => {
    expect(await ask('subscribe compliance --daily --at 25:00')).toMatch(/--at[\s\S]*"25:00"/);
    expect(await ask('subscribe compliance --tz Mars/Olympus')).toMatch(/--tz[\s\S]*"Mars\/Olympus"/);
    expect(await ask('subscribe compliance --cron "61 * * * *"')).toMatch(/--cron[\s\S]*"61 \* \* \* \*"/);
    expect(await ask('subscribe compliance --daily --cron "0 9 * * *"')).toMatch(/choose one schedule/);
    expect(await ask('subscribe compliance --policy "No such policy"')).toMatch(/--policy[\s\S]*"No such policy"/);
    expect(await subscriptionStoreOf(storage).list()).toEqual([]);
  }, 30_000);

  it('posts on the cron schedule with no user message, shows the change, and continues after a restart', async () => {
    const confirmation = await ask('subscribe compliance --cron "*/1 * * * *" --policy "AV - ConfigMgr"');
    expect(confirmation).toMatch(/Subscribed[\s\S]*Type unsubscribe \w+ to stop it/);
    expect(confirmation).toContain('Next post: today 09:01 UTC');
    const messagesFromUsers = connector.calls.length;

    const first = await nextSlot(1);
    expect(first).toContain('AV - ConfigMgr');
    expect(first).toContain('First summary of this policy here.');
    expect(connector.calls.slice(messagesFromUsers)).toHaveLength(1);

    await sandbox.control('POST', 'clock/advance', { seconds: 30 * 60 });
    expect(await nextSlot(2)).toMatch(/Since the previous summary \(today 09:01 UTC\): \+\d+ compliant/);

    await harness.close();
    clock.advance(10 * MINUTE);
    harness = await startComplianceBot({ tenant: sandbox.tenant, storage, clock, connector });
    await connector.waitFor(() => scheduledPosts().length >= 3, 20_000);
    await harness.scheduler.runDue();
    expect(scheduledPosts()).toHaveLength(3);
    await nextSlot(4);

    expect(await ask('subscriptions')).toMatch(/cron \*\/1 \* \* \* \* \(UTC\)[\s\S]*Next post/);
  }, 60_000);

  it('pauses the subscription of a conversation that answers 403 instead of retrying it forever', async () => {
    const store = subscriptionStoreOf(storage);
    const [subscription] = await store.list();
    connector.failConversation(conversationId, 403);
    clock.advance(MINUTE);
    await harness.scheduler.runDue();
    expect((await store.get(subscription?.id ?? ''))?.state).toBe('paused');
    const attempts = connector.calls.filter((call) => call.status === 403).length;
    clock.advance(5 * MINUTE);
    await harness.scheduler.runDue();
    expect(connector.calls.filter((call) => call.status === 403)).toHaveLength(attempts);
  }, 30_000);

  it('posts a scheduled summary in a channel as a NEW channel post, while the reply to subscribe stays in its thread', async () => {
    const channel = '19:secops@thread.tacv2';
    const thread = `${channel};messageid=1700000000001`;
    const inThread = { serviceUrl: connector.url, place: 'channel' as const, conversationId: thread, from: ALEX };
    const before = connector.calls.length;
    await harness.post(messageActivity('subscribe compliance --cron "*/1 * * * *"', inThread));
    await connector.waitFor((calls) => calls.length > before, 20_000);
    const reply = connector.calls[before];
    expect(reply).toMatchObject({ kind: 'reply', conversationId: thread, method: 'POST' });
    expect(cardText(reply?.body)).toMatch(/Subscribed/);

    const posts = (): ConnectorCall[] =>
      connector.calls.filter(
        (call) => call.kind === 'new post' && call.conversationId === channel && call.status < 300,
      );
    clock.advance(MINUTE);
    await connector.waitFor(() => posts().length >= 1, 20_000);
    const post = posts()[0];
    expect(post?.path).toBe('/v3/conversations');
    expect(post?.parameters).toMatchObject({ isGroup: true, channelData: { channel: { id: channel } } });
    expect(post?.body.replyToId).toBeUndefined();
    expect(cardText(post?.body)).toContain('Scheduled compliance summary');
    expect(connector.calls.filter((call) => call.conversationId === thread)).toHaveLength(1);
  }, 30_000);
});
