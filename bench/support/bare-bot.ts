import { ActivityHandler, CardFactory, MessageFactory } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../bot/hosts/botbuilder/create-server.js';
import { InFlight } from '../../bot/hosts/in-flight.js';
import { createAdapter } from '../../bot/hosts/botbuilder/create-adapter.js';
import { silentLogger } from '../../core/ports/logger.js';

const SMALL_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
};

/** The floor for one turn: the same restify server and CloudAdapter, a handler that answers with a small card. */
export async function startBareBot(): Promise<{ url: string; close(): Promise<void> }> {
  const bot = new ActivityHandler();
  bot.onMessage(async (turn, next) => {
    await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(SMALL_CARD)));
    await next();
  });
  const server = createServer({
    adapter: createAdapter(undefined, silentLogger),
    run: (turn) => bot.run(turn),
    log: silentLogger,
    authRequired: false,
    turns: new InFlight(),
    isReady: () => true,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
