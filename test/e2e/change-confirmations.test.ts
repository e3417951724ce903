import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADELE, ALEX, invokeActivity, ISAIAH, MEGAN, messageActivity, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { createRecordingLogger, type LoggedLine } from '../unit/storage/recording-logger.js';

const ALEX_CHAT = 'a:personal-alex-confirmations';
const MEGAN_CHAT = 'a:personal-megan-confirmations';
const GROUP = '19:group-confirmations@thread.v2';

/** Requester and approver each hear, in their own chat, that the change they touched is done, with the next step. */
describe('change confirmations in personal chats, against the sandbox tenant', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  const lines: LoggedLine[] = [];

  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({
      tenant: tenant.tenant,
      env: { APPROVERS: 'group:AttachOps-Approvers' },
      log: createRecordingLogger(lines),
    });
    // Each person has written to the bot in their personal chat once; that is where confirmations go.
    await say('help', ALEX, 'personal', ALEX_CHAT);
    await say('help', MEGAN, 'personal', MEGAN_CHAT);
  });
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  function say(text: string, from: TestUser, place: 'personal' | 'groupChat', conversationId: string) {
    return harness.post(messageActivity(text, { serviceUrl: harness.connector.url, from, place, conversationId }));
  }

  async function requestAndApprove(name: string): Promise<void> {
    await say(`policy create edr --target configmgr --name "${name}" --sample-sharing none`, ALEX, 'groupChat', GROUP);
    await harness.connector.waitFor((calls) => JSON.stringify(calls).includes(`Approval needed: Create`), 15_000);
    const ids = [...JSON.stringify(harness.connector.cards()).matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)];
    const approvalId = ids.at(-1)?.[1];
    if (!approvalId) throw new Error('no approval card');
    const click = invokeActivity(
      'approval.approve',
      { approvalId },
      {
        serviceUrl: harness.connector.url,
        from: MEGAN,
        place: 'groupChat',
        conversationId: GROUP,
      },
    );
    expect((await harness.post(click)).status).toBe(200);
  }

  const confirmationsIn = (conversationId: string, name: string) =>
    harness.connector.calls.filter(
      (call) =>
        call.conversationId === conversationId &&
        JSON.stringify(call.body).includes(`Done: Create`) &&
        JSON.stringify(call.body).includes(name),
    );

  it('sends the requester and the approver a confirmation with the next step, each in their own chat', async () => {
    await requestAndApprove('EDR confirmed');
    await harness.connector.waitFor(
      () =>
        confirmationsIn(ALEX_CHAT, 'EDR confirmed').length > 0 &&
        confirmationsIn(MEGAN_CHAT, 'EDR confirmed').length > 0,
      15_000,
    );
    for (const chat of [ALEX_CHAT, MEGAN_CHAT]) {
      const [call] = confirmationsIn(chat, 'EDR confirmed');
      expect(call?.status).toBe(200);
      const card = JSON.stringify(call?.body);
      expect(card).toContain('Next: assign EDR confirmed to groups or collections.');
      expect(card).toContain('"verb":"command.run"');
      expect(card).toContain('"command":"assign \\"EDR confirmed\\""');
    }
    // Exactly one each: the group chat where it was asked got the progress card, not a confirmation.
    expect(confirmationsIn(ALEX_CHAT, 'EDR confirmed')).toHaveLength(1);
    expect(confirmationsIn(GROUP, 'EDR confirmed')).toHaveLength(0);
  });

  it('its button runs the command as the person who clicks: usage to complete for an operator, the refusal for a reader', async () => {
    const press = async (from: TestUser) => {
      const before = harness.connector.calls.length;
      const conversationId = `a:personal-press-${from.name}`;
      const answer = await harness.post(
        invokeActivity(
          'command.run',
          { command: 'assign "EDR confirmed"' },
          {
            serviceUrl: harness.connector.url,
            from,
            conversationId,
          },
        ),
      );
      expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
      return JSON.stringify(harness.connector.calls.slice(before).map((call) => call.body));
    };
    const operator = await press(ADELE);
    expect(operator).toContain('Complete this command and send it:');
    expect(operator).toContain('assign \\"EDR confirmed\\" --to ‹…›');
    const reader = await press(ISAIAH);
    expect(reader).toContain('assign needs the operator role');
    expect(reader).not.toContain('Complete this command');
  });

  it('a personal chat that cannot be reached costs one warning line, and the run and the other confirmation go on', async () => {
    harness.connector.failConversation(MEGAN_CHAT, 403);
    await requestAndApprove('EDR unreachable');
    await harness.connector.waitFor(() => confirmationsIn(ALEX_CHAT, 'EDR unreachable').length > 0, 15_000);
    await harness.connector.waitFor(
      (calls) => calls.some((call) => call.conversationId === MEGAN_CHAT && call.status === 403),
      15_000,
    );
    const run = (await harness.services.runs.list()).find((candidate) => candidate.title.includes('EDR unreachable'));
    expect(run?.status).toBe('done');
    await harness.connector.waitFor(() => undelivered().length > 0, 5_000);
    expect(undelivered()).toHaveLength(1);
    expect(undelivered()[0]?.fields).not.toHaveProperty('err');
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  const undelivered = () =>
    lines.filter((line) => line.level === 'warn' && line.message?.startsWith('change confirmation not delivered'));
});
