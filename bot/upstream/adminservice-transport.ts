import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import {
  TRANSPORT_TIMEOUT_CODE,
  type AdminServiceRequest,
  type AdminServiceResponse,
  type AdminServiceTransport,
} from '../../adapters/adminservice/transport.js';
import { adminServiceUrl, flatHeaders, parseJsonBody } from './adminservice-url.js';
import { NtlmConnectionPool } from './ntlm/ntlm-connection-pool.js';
import { sendOverNtlm } from './ntlm/ntlm-exchange.js';

export interface AdminServiceTlsConfig {
  /** e.g. https://cm01.contoso.com/AdminService (the sandbox: https://127.0.0.1:PORT/adminservice). */
  readonly baseUrl: string;
  /**
   * Extra roots to trust (the site's "SMS Issuing" root or the PKI chain). When set it replaces the default
   * store for these calls; certificate verification itself is never turned off.
   */
  readonly caBundlePath?: string;
  readonly timeoutMs?: number;
}

export interface NtlmCredentials {
  readonly username: string;
  readonly password: string;
  readonly domain?: string;
  readonly workstation?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** Connections kept to the SMS Provider, and how long an idle one stays open (below IIS's 120 s connectionTimeout). */
export const DEFAULT_NTLM_POOL = { maxConnections: 8, idleTimeoutMs: 60_000 } as const;

export interface NtlmTransportConfig extends AdminServiceTlsConfig {
  readonly credentials: NtlmCredentials;
  readonly maxConnections?: number;
  readonly idleTimeoutMs?: number;
}

/**
 * Windows integrated auth (NTLM) against the SMS Provider, the on-prem path (configmgr-adminservice.md §1): one
 * handshake per kept-alive connection, not per request, over a bounded pool (bot/upstream/ntlm/).
 */
export function createNtlmTransport(config: NtlmTransportConfig): AdminServiceTransport & { close(): void } {
  const ca = config.caBundlePath === undefined ? undefined : readFileSync(config.caBundlePath);
  const pool = new NtlmConnectionPool({
    maxConnections: config.maxConnections ?? DEFAULT_NTLM_POOL.maxConnections,
    idleTimeoutMs: config.idleTimeoutMs ?? DEFAULT_NTLM_POOL.idleTimeoutMs,
    ...(ca ? { ca } : {}),
  });
  const account = {
    username: config.credentials.username,
    password: config.credentials.password,
    domain: config.credentials.domain ?? '',
    workstation: config.credentials.workstation ?? '',
  };
  return {
    async send(request) {
      const connection = await pool.acquire();
      try {
        const answer = await sendOverNtlm(
          connection,
          {
            url: adminServiceUrl(config.baseUrl, request),
            method: request.method,
            headers: JSON_HEADERS,
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
            timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          },
          account,
        );
        return { status: answer.status, headers: flatHeaders(answer.headers), json: parseJsonBody(answer.text) };
      } finally {
        pool.release(connection);
      }
    },
    close: () => pool.close(),
  };
}

/**
 * Azure AD Bearer through a cloud management gateway. The token audience (the site's server app) is [U] in
 * configmgr-adminservice.md §1, so the scope is configuration.
 */
export function createBearerTransport(
  config: AdminServiceTlsConfig & { readonly credential: TokenCredential; readonly scope: string },
): AdminServiceTransport {
  const ca = config.caBundlePath === undefined ? undefined : readFileSync(config.caBundlePath);
  return {
    async send(request) {
      const token = await config.credential.getToken(config.scope);
      if (token === null) throw Object.assign(new Error('no token for the AdminService scope'), { code: 'NO_TOKEN' });
      return sendJson(
        adminServiceUrl(config.baseUrl, request),
        request,
        { Authorization: `Bearer ${token.token}`, ...JSON_HEADERS },
        ca,
        config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
    },
  };
}

function sendJson(
  url: string,
  request: AdminServiceRequest,
  headers: Record<string, string>,
  ca: Buffer | undefined,
  timeoutMs: number,
): Promise<AdminServiceResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(url, { method: request.method, headers, ...(ca ? { ca } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: flatHeaders(response.headers),
          json: parseJsonBody(Buffer.concat(chunks).toString('utf8')),
        }),
      );
      response.on('error', reject);
    });
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(Object.assign(new Error('request timed out'), { code: TRANSPORT_TIMEOUT_CODE })),
    );
    outgoing.on('error', reject);
    outgoing.end(request.body === undefined ? undefined : JSON.stringify(request.body));
  });
}
