import { invokeActivity, messageActivity, type TestUser } from './activities.js';
import type { TestBot } from './bot-harness.js';

type Card = Record<string, unknown>;

/** The first card the bot sends to `conversationId` after `from` says `text` there. */
export async function cardAfterSaying(
  harness: TestBot,
  from: TestUser,
  text: string,
  conversationId: string,
): Promise<Card> {
  const before = harness.connector.calls.length;
  await harness.post(messageActivity(text, { serviceUrl: harness.connector.url, from, conversationId }));
  await harness.connector.waitFor(
    (calls) => calls.slice(before).some((call) => call.conversationId === conversationId),
    15_000,
  );
  const reply = harness.connector.calls.slice(before).find((call) => call.conversationId === conversationId);
  const attachments = (reply?.body.attachments ?? []) as { content?: Card }[];
  return attachments[0]?.content ?? {};
}

/** The card a button's invoke answers with (Action.Execute: the card in the invoke response). */
export async function cardAfterClicking(
  harness: TestBot,
  from: TestUser,
  verb: string,
  data: unknown,
  conversationId: string,
): Promise<Card> {
  const response = await harness.post(
    invokeActivity(verb, data, { serviceUrl: harness.connector.url, from, conversationId }),
  );
  return ((response.body as { value?: Card } | undefined)?.value ?? {}) as Card;
}
