import { checkGraphWrite, type SchemaProblem } from '../schema/check-body.js';

export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  status: number;
  readonly clientRequestId: string | null;
  /** Which TLS connection carried the request (numbered from 1 per sandbox), e.g. to count NTLM handshakes per connection. */
  readonly connection: number;
  readonly authorization: { readonly present: boolean; readonly scheme: string | null };
  /** Multi Admin Approval headers (maa.md): the decoded justification and the approval code, as sent. */
  readonly maa?: { readonly justification: string | null; readonly code: string | null };
  /** A request inside a Graph `$batch` (sandbox/graph/batch-route.ts): not an HTTP request of its own. */
  readonly inBatch?: true;
  /** The JSON body of a Graph or AdminService write, credentials redacted; never the token endpoint's. */
  body?: unknown;
}

/** A Graph write whose body departs from the schema extract (sandbox/schema/check-body.ts). */
export interface ContractViolation {
  readonly method: string;
  readonly path: string;
  readonly problems: readonly SchemaProblem[];
}

const MAX_ENTRIES = 5000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const RECORDED_PREFIXES = ['/graph/', '/AdminService/'];
const CREDENTIAL_KEY = /secret|password|assertion|token|authorization/i;
const GRAPH_VERSION = /^\/graph\/(?:beta|v1\.0)/i;

/**
 * What reached the sandbox, never a credential: whether an Authorization header was present and its scheme, and the
 * bodies of writes (keys that name a credential are redacted). Schema violations of Graph writes are kept apart and
 * survive `clear()` and `reset`, so a test run can assert none happened.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private readonly contract: ContractViolation[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  /** Records the body of a write (after the entry) and checks a Graph write against the schema extract. */
  recordBody(entry: RequestLogEntry, body: unknown): void {
    if (!WRITE_METHODS.has(entry.method) || !RECORDED_PREFIXES.some((prefix) => entry.path.startsWith(prefix))) return;
    entry.body = redact(body);
    if (!GRAPH_VERSION.test(entry.path)) return;
    const problems = checkGraphWrite(entry.method, entry.path.replace(GRAPH_VERSION, ''), body);
    if (problems.length > 0) this.contract.push({ method: entry.method, path: entry.path, problems });
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  violations(): readonly ContractViolation[] {
    return this.contract;
  }

  clear(): void {
    this.entries = [];
  }
}

/** The justification header decoded from Base64 (a wrong encoding is logged as it came). */
export function maaHeaders(
  justification: string | undefined,
  code: string | undefined,
): NonNullable<RequestLogEntry['maa']> {
  return {
    justification: justification === undefined ? null : Buffer.from(justification, 'base64').toString('utf8'),
    code: code ?? null,
  };
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, CREDENTIAL_KEY.test(key) ? '[redacted]' : redact(child)]),
  );
}

export function authorizationScheme(value: string | undefined): RequestLogEntry['authorization'] {
  if (!value) return { present: false, scheme: null };
  return { present: true, scheme: value.trim().split(/\s+/)[0] ?? null };
}
