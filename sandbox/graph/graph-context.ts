import type { MaaDialect } from '../constants.js';
import type { TokenStore } from '../identity/token-store.js';
import type { Router } from '../http/router.js';
import { header, type Handler, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { World } from '../world/world.js';
import { graphError } from './graph-errors.js';
import type { PolicyUpdateReading } from '../constants.js';

export interface GraphContext {
  readonly world: () => World;
  readonly tokens: TokenStore;
  /** Dispatches a sub-request of `$batch` through the same Graph routes. */
  readonly dispatch: (req: SandboxRequest) => Promise<SandboxResponse>;
  /** How Multi Admin Approval answers (sandbox/README.md "Multi Admin Approval"). */
  readonly maaDialect: () => MaaDialect;
  /** Whether a policy PATCH is accepted (sandbox/constants.ts). */
  readonly policyUpdateReading: () => PolicyUpdateReading;
}

const VERSIONS = new Set(['beta', 'v1.0']);

export function checkBearer(req: SandboxRequest, tokens: TokenStore): SandboxResponse | undefined {
  const verdict = tokens.check(header(req, 'authorization'));
  if (verdict === 'ok') return undefined;
  const message =
    verdict === 'missing'
      ? 'Access token is empty.'
      : verdict === 'expired'
        ? 'Lifetime validation failed, the token is expired.'
        : 'IDX14100: JWT is not well formed.';
  return graphError(req, 401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

/** Registers a Graph route under `/graph/{beta|v1.0}`; `betaOnly` routes answer v1.0 like Graph does for a missing segment. */
export function graphRoute(
  router: Router,
  ctx: GraphContext,
  method: string,
  path: string,
  handler: Handler,
  betaOnly = true,
): void {
  router.on(method, `/graph/:version${path}`, (req, params) => {
    const version = (params.version ?? '').toLowerCase();
    if (!VERSIONS.has(version)) return graphError(req, 400, 'BadRequest', 'Invalid version.');
    const denied = checkBearer(req, ctx.tokens);
    if (denied) return denied;
    if (betaOnly && version !== 'beta') {
      const segment =
        path
          .split('/')
          .filter((s) => s && !s.startsWith(':'))
          .pop() ?? '';
      return graphError(req, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
    }
    return handler(req, params);
  });
}
