import type { Agent } from 'node:https';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { TRANSPORT_TIMEOUT_CODE } from '../../../adapters/adminservice/transport.js';

export interface RawExchange {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The connection the answer came on, to bind the NTLM handshake to it. */
  readonly socket: Socket;
  /** Node's flag: the request went out on a kept-alive connection that had served an earlier request. */
  readonly reusedSocket: boolean;
}

export interface ExchangeRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly agent: Agent;
  readonly timeoutMs: number;
}

/** One HTTP exchange on the given agent; rejects only when no response came back (Node's error, its `code`). */
export function httpsExchange(request: ExchangeRequest): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      request.url,
      { method: request.method, headers: request.headers, agent: request.agent },
      (response) => {
        const socket = response.socket;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            socket,
            reusedSocket: outgoing.reusedSocket,
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(request.timeoutMs, () =>
      outgoing.destroy(Object.assign(new Error('request timed out'), { code: TRANSPORT_TIMEOUT_CODE })),
    );
    outgoing.on('error', (error: Error & { code?: string }) =>
      reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })),
    );
    outgoing.end(request.body);
  });
}
