import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALEX,
  BOT,
  installationUpdateActivity,
  MEGAN,
  membersAddedActivity,
  messageActivity,
} from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { cardText } from './compliance-harness.js';

describe('the welcome card when the app is installed', () => {
  let harness: TestBot;
  beforeAll(async () => {
    harness = await startTestBot();
  });
  afterAll(async () => {
    await harness.close();
  });

  const welcomes = (conversationId: string) =>
    harness.connector.calls.filter(
      (call) => call.conversationId === conversationId && cardText(call.body).includes('Welcome to AttachOps'),
    );

  function buttons(card: unknown): { title: string; text: string }[] {
    const actions = (card as { actions?: { title: string; data?: { msteams?: { type?: string; text?: string } } }[] })
      .actions;
    return (actions ?? []).map((action) => {
      expect(action.data?.msteams?.type).toBe('messageBack');
      return { title: action.title, text: action.data?.msteams?.text ?? '' };
    });
  }

  it('greets a personal install once, with check, attach and help as buttons, not again on the second announcement', async () => {
    const place = { serviceUrl: harness.connector.url, conversationId: 'a:personal-welcome' };
    await harness.post(installationUpdateActivity('add', place));
    await harness.post(membersAddedActivity([BOT], place));
    await harness.post(membersAddedActivity([ALEX], place));
    const sent = welcomes(place.conversationId);
    expect(sent).toHaveLength(1);
    const card = (sent[0]?.body.attachments as { content: unknown }[] | undefined)?.[0]?.content;
    expect(buttons(card)).toEqual([
      { title: 'Check readiness', text: 'check' },
      { title: 'Attach the hierarchy', text: 'attach' },
      { title: 'All commands', text: 'help' },
    ]);
    expect(cardText(sent[0]?.body)).toContain('Start with check');
  });

  it('greets a team once when the bot is added, not when people join later', async () => {
    const place = {
      serviceUrl: harness.connector.url,
      place: 'channel' as const,
      conversationId: '19:general-welcome@thread.tacv2',
    };
    await harness.post(membersAddedActivity([BOT], place));
    await harness.post(installationUpdateActivity('add', place));
    await harness.post(membersAddedActivity([MEGAN], place));
    const sent = welcomes(place.conversationId);
    expect(sent).toHaveLength(1);
    expect(cardText(sent[0]?.body)).toContain('Mention me with a command');
  });

  it('greets again after the app was removed and installed anew', async () => {
    const place = { serviceUrl: harness.connector.url, conversationId: 'a:personal-reinstall' };
    await harness.post(installationUpdateActivity('add', place));
    await harness.post(installationUpdateActivity('remove', place));
    await harness.post(installationUpdateActivity('add', place));
    expect(welcomes(place.conversationId)).toHaveLength(2);
  });

  it('a button press arrives as the command it names', async () => {
    const place = { serviceUrl: harness.connector.url, conversationId: 'a:personal-press' };
    const before = harness.connector.calls.length;
    await harness.post({ ...messageActivity('help', place), value: { msteams: { type: 'messageBack' } } });
    await harness.connector.waitFor((calls) => calls.length > before);
    expect(cardText(harness.connector.calls.at(-1)?.body)).toContain('AttachOps commands');
  });
});
