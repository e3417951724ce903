import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stands in for the Teams connector under load: answers every send and keeps the text of what each conversation got. */
export interface LoadConnector {
  readonly url: string;
  /**
   * The first match of `pattern` in what the bot sent to `conversationId` from `since` (a count of sends) on, in a send
   * that also contains `within` when given (the conversation may be shared by several simulated users).
   */
  waitFor(
    conversationId: string,
    pattern: RegExp,
    since: number,
    timeoutMs: number,
    within?: string,
  ): Promise<string | undefined>;
  /** How many activities the bot sent to this conversation so far. */
  sent(conversationId: string): number;
  /** Sends whose text carries `marker` (such as the failure card's title), over all conversations. */
  countContaining(marker: string): number;
  close(): Promise<void>;
}

export async function startLoadConnector(): Promise<LoadConnector> {
  const bodies = new Map<string, string[]>();
  const listeners = new Set<() => void>();
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      const conversationId = decodeURIComponent(match?.[1] ?? '');
      const list = bodies.get(conversationId) ?? [];
      list.push(Buffer.concat(chunks).toString('utf8'));
      bodies.set(conversationId, list);
      for (const listener of listeners) listener();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `activity-${nextId++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const find = (conversationId: string, pattern: RegExp, since: number, within?: string): string | undefined => {
    for (const body of (bodies.get(conversationId) ?? []).slice(since)) {
      if (within !== undefined && !body.includes(within)) continue;
      const found = pattern.exec(body)?.[1];
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    sent: (conversationId) => bodies.get(conversationId)?.length ?? 0,
    countContaining: (marker) => [...bodies.values()].flat().filter((body) => body.includes(marker)).length,
    waitFor: (conversationId, pattern, since, timeoutMs, within) =>
      new Promise((resolve) => {
        const check = (): void => {
          const found = find(conversationId, pattern, since, within);
          if (found === undefined) return;
          done(found);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        const done = (value: string | undefined): void => {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(value);
        };
        listeners.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
