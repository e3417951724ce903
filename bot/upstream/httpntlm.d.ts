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

  /** The parsed server challenge; opaque to callers, handed back to createType3Message. */
  interface NtlmType2Message {
    readonly serverChallenge: Buffer;
  }

  interface NtlmMessageOptions {
    username: string;
    password: string;
    domain: string;
    workstation: string;
  }

  /** httpntlm's message functions (ntlm.js): header values such as `NTLM TlRMTVNTUAAB…`. */
  interface NtlmMessages {
    createType1Message(options: NtlmMessageOptions): string;
    parseType2Message(header: string, onError: (error: Error) => void): NtlmType2Message | null;
    createType3Message(type2: NtlmType2Message, options: NtlmMessageOptions): string;
  }

  const httpntlm: {
    get: NtlmMethod;
    post: NtlmMethod;
    put: NtlmMethod;
    delete: NtlmMethod;
    ntlm: NtlmMessages;
  };
  export default httpntlm;
}
