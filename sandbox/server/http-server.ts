import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { applyFault } from '../faults/apply-fault.js';
import type { FaultRule } from '../faults/fault-rules.js';
import { batchTargets } from '../graph/batch-items.js';
import { authorizationScheme, maaHeaders, type RequestLogEntry } from '../http/request-log.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { SandboxRequest, SandboxResponse } from '../http/types.js';

export type Dispatch = (req: SandboxRequest) => Promise<SandboxResponse>;

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const CONTROL_PREFIX = '/_sandbox/';
const RESPONSE_FAULT_KINDS = ['latency', '429', '500', '503', '504', 'reset', 'timeout', 'accessDenied'] as const;
const NETWORK_FAULT_KINDS = ['reset', 'timeout'] as const;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string, contentType: string | undefined): unknown {
  if (!raw || (contentType && !contentType.includes('json'))) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function write(
  res: ServerResponse,
  response: SandboxResponse,
  requestId: string,
  clientRequestId: string | undefined,
  /** The tenant's simulated time now: the Date header says it, as a service's Date header says its own clock. */
  now: Date,
): void {
  const text = response.text ?? (response.body === undefined ? '' : JSON.stringify(response.body));
  const headers: Record<string, string | string[]> = {
    Date: now.toUTCString(),
    'request-id': requestId,
    'client-request-id': clientRequestId ?? requestId,
    ...(text && response.text === undefined
      ? { 'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8' }
      : {}),
    ...Object.fromEntries(
      Object.entries(response.headers ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
    ),
  };
  res.writeHead(response.status, headers);
  res.end(text);
}

export function createSandboxServer(
  tls: { certPem: string; keyPem: string },
  state: SandboxState,
  dispatch: Dispatch,
): { server: Server; timers: Set<NodeJS.Timeout>; sockets: Set<Socket> } {
  const timers = new Set<NodeJS.Timeout>();
  const sockets = state.connections;
  const connectionIds = new WeakMap<Socket, number>();
  let nextConnectionId = 1;
  const server = createServer({ cert: tls.certPem, key: tls.keyPem, keepAlive: true }, (req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'Sandbox failure.' } }));
    });
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    connectionIds.set(socket, nextConnectionId);
    nextConnectionId += 1;
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const path = safeDecode(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    const clientRequestId = headerOf(req, 'client-request-id');
    const entry: RequestLogEntry = {
      time: state.world.clock.nowIso(),
      method,
      path,
      query: url.search,
      status: 0,
      clientRequestId: clientRequestId ?? null,
      connection: connectionIds.get(req.socket) ?? 0,
      authorization: authorizationScheme(headerOf(req, 'authorization')),
      maa: maaHeaders(headerOf(req, 'x-msft-approval-justification'), headerOf(req, 'x-msft-approval-code')),
    };
    state.log.record(entry);
    const rawBody = await readBody(req);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const request: SandboxRequest = {
      method,
      path,
      query: url.searchParams,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
      ),
      rawBody,
      body: parseJson(rawBody, headerOf(req, 'content-type')),
      origin: `https://${req.headers.host ?? `127.0.0.1:${port}`}`,
      connection: req.socket,
      requestId,
      receivedAt: entry.time,
    };
    let sandboxRequest: SandboxRequest = { ...request, exchange: { entry, heldMs: 0 } };
    state.log.recordBody(entry, request.body);
    if (!path.startsWith(CONTROL_PREFIX)) {
      const rule = decideFault(state, method, path, request.body);
      if (rule?.processed === true && (rule.kind === 'reset' || rule.kind === 'timeout')) {
        // Like the service: the change is made, only the answer is lost on the way back.
        await dispatch(sandboxRequest);
        entry.status = -1;
        applyFault(rule, req, res, requestId, timers, entry.time);
        return;
      }
      if (rule) {
        const outcome = applyFault(rule, req, res, requestId, timers, entry.time);
        if (outcome.kind === 'handled') {
          entry.status = -1;
          return;
        }
        if (outcome.kind === 'respond') {
          entry.status = outcome.status;
          write(
            res,
            { status: outcome.status, headers: outcome.headers, body: outcome.body },
            requestId,
            clientRequestId,
            new Date(state.world.clock.nowMs()),
          );
          return;
        }
        // A latency fault holds the answer, not the work's fate: if the client goes away meanwhile, the request is
        // still carried out below, as the service would.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, outcome.delayMs);
          timers.add(timer);
        });
        sandboxRequest = { ...request, exchange: { entry, heldMs: outcome.delayMs } };
      }
    }
    const response = await dispatch(sandboxRequest);
    if (method !== 'GET') state.save();
    entry.status = response.status;
    write(res, response, requestId, clientRequestId, new Date(state.world.clock.nowMs()));
  }

  return { server, timers, sockets };
}

/**
 * The fault for this exchange. A reset or time-out cannot happen to one item of a Graph $batch, so a network rule that
 * matches an item (by the item's method and route) is applied to the whole $batch exchange; status and latency rules
 * apply per item inside the batch (sandbox/graph/batch-route.ts).
 */
function decideFault(state: SandboxState, method: string, path: string, body: unknown): FaultRule | undefined {
  const rule = state.faults.decide(method, path, RESPONSE_FAULT_KINDS);
  if (rule !== undefined && rule.kind !== 'latency') return rule;
  for (const item of batchTargets(method, path, body)) {
    const network = state.faults.decide(item.method, item.path, NETWORK_FAULT_KINDS);
    if (network) return network;
  }
  return rule;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
