import { SANDBOX_ADMINSERVICE_USER } from '../constants.js';
import type { TokenStore } from '../identity/token-store.js';
import { header, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import { createChallengeMessage, ntlmMessageType, parseAuthenticateMessage, verifyNtlmV2 } from './ntlm.js';

interface ConnectionAuth {
  serverChallenge?: Buffer;
  authenticatedAs?: string;
}

const IIS_401 =
  '<!DOCTYPE html><html><head><title>401 - Unauthorized</title></head><body><h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2></body></html>';

function unauthorized(wwwAuthenticate: readonly string[]): SandboxResponse {
  return { status: 401, headers: { 'WWW-Authenticate': wwwAuthenticate, 'Content-Type': 'text/html' }, text: IIS_401 };
}

/**
 * Windows integrated auth as IIS does it (configmgr-adminservice.md §1): NTLM authenticates the keep-alive connection
 * (Type 1 → 401 + Type 2 challenge → Type 3 verified as NTLMv2 against SANDBOX_ADMINSERVICE_USER). A bearer token from
 * the sandbox token endpoint is also accepted, standing in for the CMG path (§1 "Auth over the internet").
 */
export class AdminServiceAuth {
  private readonly connections = new WeakMap<object, ConnectionAuth>();

  constructor(private readonly tokens: TokenStore) {}

  /** undefined when the request may proceed; otherwise the 401 to send. */
  check(req: SandboxRequest): SandboxResponse | undefined {
    const state = this.connections.get(req.connection) ?? {};
    this.connections.set(req.connection, state);
    const authorization = header(req, 'authorization');
    if (!authorization) return state.authenticatedAs ? undefined : unauthorized(['Negotiate', 'NTLM']);
    const [scheme = '', credentials = ''] = authorization.trim().split(/\s+/, 2);
    const lowerScheme = scheme.toLowerCase();
    if (lowerScheme === 'bearer')
      return this.tokens.check(authorization) === 'ok' ? undefined : unauthorized(['Negotiate', 'NTLM']);
    if (lowerScheme !== 'ntlm' && lowerScheme !== 'negotiate') return unauthorized(['Negotiate', 'NTLM']);
    const token = Buffer.from(credentials, 'base64');
    const type = ntlmMessageType(token);
    if (type === 1) {
      const { message, serverChallenge } = createChallengeMessage();
      state.serverChallenge = serverChallenge;
      state.authenticatedAs = undefined;
      return unauthorized([`${scheme} ${message.toString('base64')}`]);
    }
    const message = type === 3 ? parseAuthenticateMessage(token) : undefined;
    const challenge = state.serverChallenge;
    state.serverChallenge = undefined;
    if (!message || !challenge) return unauthorized(['Negotiate', 'NTLM']);
    const expected = SANDBOX_ADMINSERVICE_USER;
    const rightUser =
      message.user.toLowerCase() === expected.username.toLowerCase() &&
      message.domain.toLowerCase() === expected.domain.toLowerCase();
    if (!rightUser || !verifyNtlmV2(message, expected.password, challenge)) return unauthorized(['Negotiate', 'NTLM']);
    state.authenticatedAs = `${message.domain}\\${message.user}`;
    return undefined;
  }
}
