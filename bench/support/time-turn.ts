import { benchMessage } from './bench-activity.js';
import type { BenchConnector } from './bench-connector.js';

/** Milliseconds from posting `text` to the bot until the connector receives the first activity it sends back. */
export async function timeTurn(
  botUrl: string,
  connector: BenchConnector,
  text: string,
  conversation?: string,
): Promise<number> {
  const { conversationId, activity } = benchMessage(text, connector.url, conversation);
  const firstCard = connector.firstSend(conversationId);
  const started = performance.now();
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await response.text();
  if (response.status >= 300) throw new Error(`bot answered ${response.status} to "${text}"`);
  return (await firstCard) - started;
}
