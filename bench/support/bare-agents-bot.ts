import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { ActivityHandler, CardFactory, CloudAdapter, MessageFactory } from '@microsoft/agents-hosting';
import express from 'express';

const SMALL_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
};

/**
 * The floor for one turn on the Agents SDK: express 5 with `express.json()`, the SDK's CloudAdapter, a compat
 * ActivityHandler that answers with a small card; no credentials (anonymous, as AttachOps runs on loopback).
 */
export async function startBareAgentsBot(): Promise<{ url: string; close(): Promise<void> }> {
  const bot = new ActivityHandler();
  bot.onMessage(async (turn, next) => {
    await turn.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(SMALL_CARD)));
    await next();
  });
  const adapter = new CloudAdapter({ clientId: 'bench-bare-agents-bot' });
  const app = express();
  app.post('/api/messages', express.json({ limit: 256 * 1024 }), async (req, res) => {
    await adapter.process(req, res, (turn) => bot.run(turn));
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
