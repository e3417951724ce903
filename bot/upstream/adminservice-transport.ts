import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import httpntlm from 'httpntlm';
import {
  TRANSPORT_TIMEOUT_CODE,
  type AdminServiceRequest,
  type AdminServiceResponse,
  type AdminServiceTransport,
} from '../../adapters/adminservice/transport.js';
import { adminServiceUrl, flatHeaders, parseJsonBody } from './adminservice-url.js';

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

/** Windows integrated auth (NTLM) against the SMS Provider, the on-prem path (configmgr-adminservice.md §1). */
export function createNtlmTransport(
  config: AdminServiceTlsConfig & { readonly credentials: NtlmCredentials },
): AdminServiceTransport {
  const ca = config.caBundlePath === undefined ? undefined : readFileSync(config.caBundlePath);
  const method = { GET: httpntlm.get, POST: httpntlm.post, PUT: httpntlm.put, DELETE: httpntlm.delete };
  return {
    send(request) {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, ...(ca ? { ca } : {}) });
      return new Promise<AdminServiceResponse>((resolve, reject) => {
        method[request.method](
          {
            url: adminServiceUrl(config.baseUrl, request),
            username: config.credentials.username,
            password: config.credentials.password,
            domain: config.credentials.domain ?? '',
            workstation: config.credentials.workstation ?? '',
            headers: JSON_HEADERS,
            agent,
            timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            ...(ca ? { ca } : {}),
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          },
          (error, response) => {
            agent.destroy();
            if (error) reject(error);
            else
              resolve({
                status: response.statusCode,
                headers: flatHeaders(response.headers),
                json: parseJsonBody(response.body),
              });
          },
        );
      });
    },
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
