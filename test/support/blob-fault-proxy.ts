import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to the next blob PUT:
 * - `reset-after-success`: the PUT reaches the service and succeeds, then the connection is reset before the answer
 *   comes back, so the SDK's own retry replays a PUT that already succeeded;
 * - `replay`: the PUT is sent to the service twice and the client gets the second answer;
 * - an answer: the client gets this status and error code, the service never sees the PUT.
 */
export type PutFault =
  | { readonly kind: 'reset-after-success' }
  | { readonly kind: 'replay' }
  | { readonly kind: 'answer'; readonly status: number; readonly code: string };

export interface BlobFaultProxy {
  /** The Azurite connection string, pointed at the proxy. */
  readonly connectionString: string;
  /** Applies `fault` to the next `times` PUTs of a blob (not a container); later PUTs pass. */
  faultNextPut(fault: PutFault, times?: number): void;
  /** Answers the proxy made up itself (`answer` faults). */
  readonly answersInjected: () => number;
  /** PUTs of blobs the service received, in order. */
  readonly blobPutsForwarded: () => number;
  close(): Promise<void>;
}

interface Forwarded {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** A loopback HTTP proxy in front of Azurite that can lose, replay or refuse one blob PUT. */
export async function startBlobFaultProxy(azuriteConnectionString: string): Promise<BlobFaultProxy> {
  const endpoint = /BlobEndpoint=(http:\/\/[^;]+);/.exec(azuriteConnectionString)?.[1];
  if (endpoint === undefined) throw new Error('no BlobEndpoint in the connection string');
  const target = new URL(endpoint);
  let pending: PutFault | undefined;
  let pendingTimes = 0;
  let forwardedPuts = 0;
  let injected = 0;

  const forward = (incoming: IncomingMessage, body: Buffer): Promise<Forwarded> =>
    new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
          );
          answer.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const reply = (response: ServerResponse, forwarded: Forwarded): void => {
    response.writeHead(forwarded.status, forwarded.headers);
    response.end(forwarded.body);
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const isBlobPut = incoming.method === 'PUT' && !(incoming.url ?? '').includes('restype=container');
    const fault = isBlobPut && pendingTimes > 0 ? pending : undefined;
    if (fault !== undefined) pendingTimes -= 1;
    if (fault?.kind === 'answer') {
      injected += 1;
      const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${fault.code}</Code><Message>injected</Message></Error>`;
      response.writeHead(fault.status, { 'content-type': 'application/xml', 'x-ms-error-code': fault.code });
      response.end(xml);
      return;
    }
    if (isBlobPut) forwardedPuts += 1;
    const first = await forward(incoming, body);
    if (fault?.kind === 'reset-after-success') {
      response.socket?.destroy();
      return;
    }
    if (fault?.kind === 'replay') {
      forwardedPuts += 1;
      reply(response, await forward(incoming, body));
      return;
    }
    reply(response, first);
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxied = `http://127.0.0.1:${port}${target.pathname}`;
  return {
    connectionString: azuriteConnectionString.replace(endpoint, proxied),
    faultNextPut(fault, times = 1) {
      pending = fault;
      pendingTimes = times;
    },
    answersInjected: () => injected,
    blobPutsForwarded: () => forwardedPuts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
