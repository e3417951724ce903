import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** The activity id in the path: the one replied to (POST) or updated (PUT). */
  readonly activityId?: string;
  readonly body: Record<string, unknown>;
  readonly authorization?: string;
  readonly status: number;
  /** The id the connector answered with: a new activity's (POST) or the updated one's (PUT). */
  readonly answeredId?: string;
}

export interface RateLimit {
  /** Messages per conversation per second before 429. */
  readonly perConversationPerSecond: number;
  /** Messages across all conversations per second before 429. */
  readonly globalPerSecond: number;
  readonly retryAfterSeconds: number;
}

export interface RecordingConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Cards sent or updated, in order. */
  cards(): Record<string, unknown>[];
  waitFor(predicate: (calls: readonly ConnectorCall[]) => boolean, timeoutMs?: number): Promise<void>;
  failConversation(conversationId: string, status: number): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/** Stands in for the Bot Framework connector (Teams' serviceUrl): records what the bot sends and answers like it. */
export async function startRecordingConnector(rateLimit?: RateLimit): Promise<RecordingConnector> {
  const calls: ConnectorCall[] = [];
  const failures = new Map<string, number>();
  const sentAt: { at: number; conversationId: string }[] = [];
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const match = ROUTE.exec(req.url ?? '');
      const conversationId = decodeURIComponent(match?.[1] ?? '');
      const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
      const forced = failures.get(conversationId);
      const status = !match ? 404 : (forced ?? throttleStatus(conversationId));
      const id = req.method === 'PUT' ? activityId : `activity-${nextId++}`;
      calls.push({
        method: req.method ?? '',
        path: req.url ?? '',
        conversationId,
        activityId,
        body,
        authorization: req.headers.authorization,
        status,
        ...(status < 300 && id ? { answeredId: id } : {}),
      });
      res.setHeader('content-type', 'application/json');
      if (status === 429 && rateLimit) res.setHeader('retry-after', String(rateLimit.retryAfterSeconds));
      res.statusCode = status;
      res.end(JSON.stringify(status < 300 ? { id } : { error: { code: 'Failed', message: `status ${status}` } }));
    });
  });

  function throttleStatus(conversationId: string): number {
    if (!rateLimit) return 200;
    const now = Date.now();
    while (sentAt.length > 0 && now - (sentAt[0]?.at ?? now) > 1000) sentAt.shift();
    const inConversation = sentAt.filter((entry) => entry.conversationId === conversationId).length;
    if (inConversation >= rateLimit.perConversationPerSecond || sentAt.length >= rateLimit.globalPerSecond) return 429;
    sentAt.push({ at: now, conversationId });
    return 200;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    cards: () =>
      calls
        .filter((call) => call.status < 300)
        .flatMap((call) =>
          Array.isArray(call.body.attachments) ? (call.body.attachments as { content?: unknown }[]) : [],
        )
        .map((attachment) => attachment.content as Record<string, unknown>),
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) throw new Error(`connector did not see the expected calls; saw ${calls.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    failConversation(conversationId, status) {
      failures.set(conversationId, status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}
