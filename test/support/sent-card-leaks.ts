import { describeLeaks, findHiddenFactLeaks } from './card-content.js';

/**
 * Every card the bot sends during a test file (through the recording connector, or as an invoke's answer) is checked
 * for technical facts outside its Details part; test/support/sent-card-guard.ts fails the file if any were found.
 */
const found: string[] = [];

export function checkSentCard(where: string, card: unknown): void {
  const leaks = findHiddenFactLeaks(card);
  if (leaks.length > 0) found.push(`${where}:\n${describeLeaks(leaks)}`);
}

/** The cards among an activity's attachments. */
export function checkSentActivity(where: string, activity: unknown): void {
  if (activity === null || typeof activity !== 'object') return;
  const attachments = (activity as { attachments?: unknown }).attachments;
  if (!Array.isArray(attachments)) return;
  for (const attachment of attachments as { contentType?: unknown; content?: unknown }[]) {
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') checkSentCard(where, attachment.content);
  }
}

/** The bot's HTTP answer to an activity: for an invoke, `{ statusCode, type, value }` with a card as value. */
export function checkInvokeAnswer(activity: unknown, body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const { type, value } = body as { type?: unknown; value?: unknown };
  if (type !== 'application/vnd.microsoft.card.adaptive') return;
  const action = (activity as { value?: { action?: { verb?: unknown } } } | null)?.value?.action;
  checkSentCard(`answer to the ${String(action?.verb)} button`, value);
}

/** The leaks found so far, and forget them. */
export function takeSentCardLeaks(): string[] {
  return found.splice(0, found.length);
}
