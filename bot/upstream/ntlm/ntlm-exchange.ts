import httpntlm from 'httpntlm';
import { httpsExchange, type RawExchange } from './https-exchange.js';
import type { NtlmConnection } from './ntlm-connection-pool.js';

export interface NtlmAccount {
  readonly username: string;
  readonly password: string;
  readonly domain: string;
  readonly workstation: string;
}

export interface NtlmRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/**
 * Sends `request` on `connection`: as it is when the connection is already authenticated, otherwise after the NTLM
 * handshake (Type 1 → 401 + Type 2 → Type 3 with the request), which then binds to the connection. A 401 on an
 * authenticated connection, or a kept-alive connection the server closed as a GET went out, means the server
 * forgot it: authenticate again on a fresh handshake.
 */
export async function sendOverNtlm(
  connection: NtlmConnection,
  request: NtlmRequest,
  account: NtlmAccount,
): Promise<RawExchange> {
  if (connection.isAuthenticated()) {
    try {
      const plain = await httpsExchange({ ...request, agent: connection.agent });
      if (plain.status !== 401) return plain;
    } catch (error) {
      if (!isStaleKeptAliveConnection(error, request.method)) throw error;
    }
    connection.forget();
  }
  return handshake(connection, request, account);
}

async function handshake(connection: NtlmConnection, request: NtlmRequest, account: NtlmAccount): Promise<RawExchange> {
  const options = { ...account };
  const challenge = await httpsExchange({
    url: request.url,
    method: request.method,
    headers: { ...withoutBodyHeaders(request.headers), Authorization: httpntlm.ntlm.createType1Message(options) },
    agent: connection.agent,
    timeoutMs: request.timeoutMs,
  });
  const type2Header = ntlmChallenge(challenge);
  if (challenge.status !== 401 || type2Header === undefined) return challenge;
  let parseError: Error | undefined;
  const type2 = httpntlm.ntlm.parseType2Message(type2Header, (error) => {
    parseError = error;
  });
  if (type2 === null) throw parseError ?? new Error('the NTLM challenge could not be read');
  const answer = await httpsExchange({
    ...request,
    headers: { ...request.headers, Authorization: httpntlm.ntlm.createType3Message(type2, options) },
    agent: connection.agent,
  });
  if (answer.status !== 401) connection.bind(answer.socket);
  return answer;
}

function ntlmChallenge(exchange: RawExchange): string | undefined {
  const header = exchange.headers['www-authenticate'];
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const value of values) {
    const match = /(?:^|,\s*)NTLM ([A-Za-z0-9+/=]+)/.exec(value);
    if (match) return `NTLM ${match[1]}`;
  }
  return undefined;
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
}

/**
 * The keep-alive race: the server closed an idle connection just as a request went out on it. Nothing reached the
 * server, so a GET is sent again on a fresh connection; other methods report the failure (their outcome is the
 * caller's to decide).
 */
function isStaleKeptAliveConnection(error: unknown, method: string): boolean {
  if (method !== 'GET' || typeof error !== 'object' || error === null) return false;
  const { code, reusedSocket } = error as { code?: unknown; reusedSocket?: unknown };
  return reusedSocket === true && (code === 'ECONNRESET' || code === 'EPIPE');
}
