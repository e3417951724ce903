declare module 'httpntlm' {
  import type { Agent } from 'node:https';

  interface NtlmRequestOptions {
    url: string;
    username: string;
    password: string;
    domain?: string;
    workstation?: string;
    headers?: Record<string, string>;
    body?: string;
    ca?: string | Buffer;
    timeout?: number;
    agent?: Agent;
  }

  interface NtlmResponse {
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }

  type NtlmCallback = (error: Error | null, response: NtlmResponse) => void;
  type NtlmMethod = (options: NtlmRequestOptions, callback: NtlmCallback) => void;

  const httpntlm: { get: NtlmMethod; post: NtlmMethod; put: NtlmMethod; delete: NtlmMethod };
  export default httpntlm;
}
