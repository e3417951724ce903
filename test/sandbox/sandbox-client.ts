import { request } from 'node:https';
import {
  SANDBOX_APP,
  SANDBOX_TENANT_ID,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../sandbox/index.js';
import { testTls } from '../support/tls.js';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

export interface SandboxClient {
  readonly sandbox: RunningSandbox;
  call(
    method: string,
    path: string,
    options?: { body?: unknown; form?: string; headers?: Record<string, string> },
  ): Promise<HttpResult>;
  token(): Promise<string>;
  graph(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  control(method: string, path: string, body?: unknown): Promise<HttpResult>;
  close(): Promise<void>;
}

/** Plain node:https against the sandbox, trusting exactly its CA certificate (never disabling TLS checks). */
export async function sandboxClient(options: SandboxOptions = {}): Promise<SandboxClient> {
  const sandbox = await startSandbox({ tls: testTls(), ...options });
  let cachedToken: string | undefined;
  const call: SandboxClient['call'] = (method, path, opts = {}) =>
    new Promise((resolve, reject) => {
      const payload = opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      const headers: Record<string, string> = { ...opts.headers };
      if (payload !== undefined)
        headers['Content-Type'] ??= opts.form ? 'application/x-www-form-urlencoded' : 'application/json';
      const target = path.startsWith('https://') ? path : `${sandbox.url}${path}`;
      const req = request(target, { method, headers, ca: sandbox.caCertPem, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  const token = async (): Promise<string> => {
    if (cachedToken) return cachedToken;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: SANDBOX_APP.clientId,
      client_secret: SANDBOX_APP.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const res = await call('POST', `/login/${SANDBOX_TENANT_ID}/oauth2/v2.0/token`, { form: form.toString() });
    cachedToken = res.json<{ access_token: string }>().access_token;
    return cachedToken;
  };
  return {
    sandbox,
    call,
    token,
    graph: async (method, path, body, headers) =>
      call(method, path.startsWith('https://') ? path : `/graph/beta${path}`, {
        body,
        headers: { Authorization: `Bearer ${await token()}`, ...headers },
      }),
    control: (method, path, body) => call(method, `/_sandbox${path}`, { body }),
    close: () => sandbox.close(),
  };
}

/** Follows `@odata.nextLink` to the end; returns every item and the number of pages. */
export async function collectPages(
  client: SandboxClient,
  first: string,
  headers?: Record<string, string>,
): Promise<{ items: Array<Record<string, unknown>>; pages: number }> {
  const items: Array<Record<string, unknown>> = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const res = await client.graph('GET', next, undefined, headers);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    const body = res.json<{ value: Array<Record<string, unknown>>; '@odata.nextLink'?: string }>();
    items.push(...body.value);
    next = body['@odata.nextLink'];
    pages += 1;
  }
  return { items, pages };
}
