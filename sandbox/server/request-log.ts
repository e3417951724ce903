export interface RequestLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  status: number;
  readonly clientRequestId: string | null;
  readonly authorization: { readonly present: boolean; readonly scheme: string | null };
}

const MAX_ENTRIES = 5000;

/** What reached the sandbox, never a credential: only whether an Authorization header was present and its scheme. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

export function authorizationScheme(value: string | undefined): RequestLogEntry['authorization'] {
  if (!value) return { present: false, scheme: null };
  return { present: true, scheme: value.trim().split(/\s+/)[0] ?? null };
}
