import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** The connection string to use instead of the target's: every request goes through the proxy. */
  readonly connectionString: string;
  /** Requests forwarded since the start, by `METHOD comp` (comp is the query's `comp`, such as `list`). */
  byKind(): Record<string, number>;
  requests(): number;
  /** Answers forwarded back since the start, by HTTP status (a bench tells throttling and server errors apart). */
  byStatus(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a storage service (Azurite) that counts the requests it forwards: the storage
 * requests a piece of work costs, as the service sees them, whatever the SDK does in between.
 */
export async function startCountingProxy(connectionString: string): Promise<CountingProxy> {
  const endpoint = /BlobEndpoint=([^;]+)/.exec(connectionString)?.[1];
  if (!endpoint) throw new Error('the connection string names no BlobEndpoint');
  const target = new URL(endpoint);
  const counts = new Map<string, number>();
  const statuses = new Map<string, number>();
  const server = createServer((incoming, outgoing) => {
    const comp = new URL(incoming.url ?? '/', 'http://proxy').searchParams.get('comp');
    const kind = `${incoming.method ?? '?'}${comp ? ` ${comp}` : ''}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        const status = String(answer.statusCode ?? 502);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxied = `http://127.0.0.1:${port}${target.pathname}`;
  return {
    connectionString: connectionString.replace(endpoint, proxied),
    byKind: () => Object.fromEntries(counts),
    byStatus: () => Object.fromEntries(statuses),
    requests: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
