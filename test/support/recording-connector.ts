import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSentActivity } from './sent-card-leaks.js';

/**
 * What a call did in Teams' terms. `new post`: createConversation in a channel (POST /v3/conversations), a top-level
 * post. `reply`: into a thread, i.e. to an activity id in the path or to a thread's conversation id (`…;messageid=…`).
 * `message`: to a chat (or a channel id with no thread). `update`: PUT of an existing activity.
 */
export type ConnectorCallKind = 'new post' | 'reply' | 'message' | 'update';

export interface ConnectorCall {
  readonly kind: ConnectorCallKind;
  readonly method: string;
  readonly path: string;
  /** For a new post, the channel it was created in. */
  readonly conversationId: string;
  /** The activity id in the path: the one replied to (POST) or updated (PUT). */
  readonly activityId?: string;
  /** The activity sent (for a new post: the conversation parameters' activity). */
  readonly body: Record<string, unknown>;
  /** A new post's conversation parameters as sent. */
  readonly parameters?: Record<string, unknown>;
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
  /** Undoes `failConversation`: the conversation answers again. */
  restoreConversation(conversationId: string): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;
const CREATE_ROUTE = /^\/v3\/conversations\/?$/;
const THREAD = ';messageid=';

/** Stands in for the Bot Framework connector (Teams' serviceUrl): records what the bot sends and answers like it. */
export async function startRecordingConnector(rateLimit?: RateLimit): Promise<RecordingConnector> {
  const calls: ConnectorCall[] = [];
  const failures = new Map<string, number>();
  const sentAt: { at: number; conversationId: string }[] = [];
  let nextId = 1;

  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      if (req.method === 'POST' && CREATE_ROUTE.test(req.url ?? '')) {
        createConversation(req, res, body);
        return;
      }
      const match = ROUTE.exec(req.url ?? '');
      const conversationId = decodeURIComponent(match?.[1] ?? '');
      const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
      const forced = failures.get(conversationId) ?? failures.get(conversationId.split(THREAD)[0] ?? '');
      const status = !match ? 404 : (forced ?? throttleStatus(conversationId));
      const id = req.method === 'PUT' ? activityId : `activity-${nextId++}`;
      const kind: ConnectorCallKind =
        req.method === 'PUT'
          ? 'update'
          : activityId !== undefined || conversationId.includes(THREAD)
            ? 'reply'
            : 'message';
      checkSentActivity(`${req.method ?? ''} ${req.url ?? ''}`, body);
      calls.push({
        kind,
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

  /**
   * Teams' createConversation in a channel: `isGroup`, `channelData.channel.id` and the first activity are required
   * (a channel post cannot be empty); the answer names the new thread `<channel>;messageid=<post id>`.
   */
  function createConversation(req: IncomingMessage, res: ServerResponse, parameters: Record<string, unknown>): void {
    const channelData = parameters.channelData as { channel?: { id?: unknown } } | undefined;
    const channelId = typeof channelData?.channel?.id === 'string' ? channelData.channel.id : '';
    const activity = parameters.activity as Record<string, unknown> | undefined;
    const valid = parameters.isGroup === true && channelId !== '' && activity !== undefined && activity !== null;
    const status = !valid ? 400 : (failures.get(channelId) ?? throttleStatus(channelId));
    const postId = String(nextId++);
    checkSentActivity(`POST ${req.url ?? ''} (new channel post)`, activity);
    calls.push({
      kind: 'new post',
      method: 'POST',
      path: req.url ?? '',
      conversationId: channelId,
      body: activity ?? {},
      parameters,
      authorization: req.headers.authorization,
      status,
      ...(status < 300 ? { answeredId: postId } : {}),
    });
    res.setHeader('content-type', 'application/json');
    if (status === 429 && rateLimit) res.setHeader('retry-after', String(rateLimit.retryAfterSeconds));
    res.statusCode = status < 300 ? 201 : status;
    res.end(
      JSON.stringify(
        status < 300
          ? { id: `${channelId}${THREAD}${postId}`, activityId: postId }
          : {
              error: {
                code: valid ? 'Failed' : 'BadArgument',
                message: valid
                  ? `status ${status}`
                  : 'a channel post needs isGroup, channelData.channel.id and an activity',
              },
            },
      ),
    );
  }

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
    restoreConversation(conversationId) {
      failures.delete(conversationId);
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
