import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stands in for the Teams connector: answers every send and tells a waiter when a conversation got its first card. */
export interface BenchConnector {
  readonly url: string;
  /** Resolves with performance.now() at the first activity the bot sends to this conversation. */
  firstSend(conversationId: string): Promise<number>;
  close(): Promise<void>;
}

export async function startBenchConnector(): Promise<BenchConnector> {
  const waiters = new Map<string, (at: number) => void>();
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      const conversationId = decodeURIComponent(match?.[1] ?? '');
      const waiter = waiters.get(conversationId);
      if (waiter) {
        waiters.delete(conversationId);
        waiter(at);
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `activity-${nextId++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    firstSend: (conversationId) => new Promise((resolve) => waiters.set(conversationId, resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
