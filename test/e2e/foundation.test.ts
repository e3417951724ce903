import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeActivity, messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';

function textOf(card: unknown): string {
  return JSON.stringify(card);
}

describe('the Bot Framework endpoint', () => {
  let harness: TestBot;
  beforeEach(async () => {
    harness = await startTestBot();
  });
  afterEach(async () => {
    await harness.close();
  });

  const serviceUrl = () => harness.connector.url;

  it('answers help in a personal chat with the help card, as a reply to the message', async () => {
    const activity = messageActivity('help', { serviceUrl: serviceUrl() });
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    await harness.connector.waitFor((calls) => calls.length === 1);
    const [call] = harness.connector.calls;
    expect(call?.method).toBe('POST');
    expect(call?.activityId).toBe(activity.id);
    expect(call?.body.replyToId).toBe(activity.id);
    expect(textOf(harness.connector.cards()[0])).toContain('AttachOps commands');
  });

  it('strips the @mention in a channel and in a group chat', async () => {
    await harness.post(messageActivity('help help', { serviceUrl: serviceUrl(), place: 'channel' }));
    await harness.post(messageActivity('HELP', { serviceUrl: serviceUrl(), place: 'groupChat' }));
    await harness.connector.waitFor((calls) => calls.length === 2);
    const [usage, help] = harness.connector.cards();
    expect(textOf(usage)).toContain('help [command]');
    expect(textOf(help)).toContain('AttachOps commands');
  });

  it('suggests the closest command for a typo', async () => {
    await harness.post(messageActivity('hlep', { serviceUrl: serviceUrl() }));
    await harness.connector.waitFor((calls) => calls.length === 1);
    const card = textOf(harness.connector.cards()[0]);
    expect(card).toContain('I don\'t know the command \\"hlep\\"');
    expect(card).toContain('Did you mean');
    expect(card).toContain('"verb":"help.usage"');
  });

  it('names the bad argument and shows the usage', async () => {
    // `help` takes a command's words (help policy create <profile>), so a command without positionals shows it
    await harness.post(messageActivity('runs one two three', { serviceUrl: serviceUrl() }));
    await harness.connector.waitFor((calls) => calls.length === 1);
    const card = textOf(harness.connector.cards()[0]);
    expect(card).toContain('one');
    expect(card).toContain('unexpected extra argument');
    expect(card).toContain('runs [--all]');
  });

  it('greets an empty message and a message of only a mention', async () => {
    await harness.post(messageActivity('   ', { serviceUrl: serviceUrl() }));
    await harness.post(messageActivity('', { serviceUrl: serviceUrl(), place: 'channel' }));
    await harness.connector.waitFor((calls) => calls.length === 2);
    for (const card of harness.connector.cards()) expect(textOf(card)).toContain('Type **help**');
  });

  it('answers a card click with the replacing card in the invoke response', async () => {
    const response = await harness.post(
      invokeActivity('help.usage', { command: 'help' }, { serviceUrl: serviceUrl() }),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(textOf(response.body)).toContain('help [command]');
    expect(harness.connector.calls).toHaveLength(0);
  });

  it('answers unknown verbs and data of the wrong shape with an error card', async () => {
    const unknown = await harness.post(invokeActivity('frobnicate.now', {}, { serviceUrl: serviceUrl() }));
    expect(unknown.status).toBe(200);
    expect(textOf(unknown.body)).toContain('is not one I handle');
    const wrongShape = await harness.post(invokeActivity('help.usage', { command: 42 }, { serviceUrl: serviceUrl() }));
    expect(wrongShape.status).toBe(200);
    expect(textOf(wrongShape.body)).toContain('The Usage button sent data I cannot read');
    expect(JSON.stringify(wrongShape.body)).toMatch(
      /"Reference \(for whoever runs AttachOps\)","value":"[0-9a-f-]{36}"/,
    );
  });

  it('refuses malformed bodies with 4xx and keeps serving', async () => {
    expect((await harness.postRaw('{"type": "message",')).status).toBe(400);
    const { from: _from, ...withoutFrom } = messageActivity('help', { serviceUrl: serviceUrl() });
    expect((await harness.post(withoutFrom)).status).toBe(400);
    const { conversation: _conversation, ...withoutConversation } = messageActivity('help', {
      serviceUrl: serviceUrl(),
    });
    expect((await harness.post(withoutConversation)).status).toBe(400);
    const { serviceUrl: _serviceUrl, ...withoutServiceUrl } = messageActivity('help', { serviceUrl: serviceUrl() });
    expect((await harness.post(withoutServiceUrl)).status).toBe(400);
    expect(
      (await harness.post({ ...messageActivity('help', { serviceUrl: serviceUrl() }), type: 'frobnicate' })).status,
    ).toBe(400);
    expect((await harness.post(messageActivity('x'.repeat(1024 * 1024), { serviceUrl: serviceUrl() }))).status).toBe(
      413,
    );
    expect(harness.connector.calls).toHaveLength(0);

    await harness.post(messageActivity('help', { serviceUrl: serviceUrl() }));
    await harness.connector.waitFor((calls) => calls.length === 1);
  });

  it('refuses an over-long command with a card instead of running it', async () => {
    await harness.post(messageActivity(`help ${'x'.repeat(5000)}`, { serviceUrl: serviceUrl() }));
    await harness.connector.waitFor((calls) => calls.length === 1);
    expect(textOf(harness.connector.cards()[0])).toContain('too long');
  });

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${harness.bot.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${harness.bot.url}/readyz`)).status).toBe(200);
  });

  it('listens on loopback only without Bot Framework credentials', () => {
    expect(new URL(harness.bot.url).hostname).toBe('127.0.0.1');
  });
});

describe('with Bot Framework credentials', () => {
  it('refuses a request without a valid token with 401', async () => {
    const harness = await startTestBot({
      env: {
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'not-a-real-secret',
        BIND_HOST: '127.0.0.1',
      },
    });
    try {
      const activity = messageActivity('help', { serviceUrl: harness.connector.url });
      expect((await harness.post(activity)).status).toBe(401);
      expect((await harness.post(activity, { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
      expect(harness.connector.calls).toHaveLength(0);
    } finally {
      await harness.close();
    }
  });
});
