import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphHttp, type GraphCall, type GraphHttp } from '../../adapters/graph/graph-http.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import { DEMO_USERS } from '../../sandbox/index.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

const PATHS = [
  '/groups',
  '/deviceManagement/roleScopeTags',
  '/deviceManagement/configManagerCollections',
  '/deviceManagement/configurationPolicies',
  '/deviceManagement/mobileThreatDefenseConnectors/fc780465-2017-40d4-a0c5-307022471b92',
  ...Object.values(DEMO_USERS).map((user) => `/users/${user.id}`),
  '/users/00000000-0000-0000-0000-00000000dead',
];
/** Per-route faults a read can meet: passing ones (retried until answered) and lasting ones (the caller's error). */
const FAULTS = [
  '',
  'kind=429;retryAfter=0;count=1',
  'kind=503;count=1',
  'kind=504;count=2',
  'kind=500',
  'kind=429;retryAfter=0;count=3',
  'kind=accessDenied',
] as const;

type Outcome =
  { readonly status: number; readonly body: unknown } | { readonly error: string; readonly status?: number };

function withoutHeartbeat(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('lastHeartbeatDateTime' in body)) return body;
  return { ...body, lastHeartbeatDateTime: 'ignored' };
}

async function outcomeOf(reply: Promise<{ status: number; body: unknown }>): Promise<Outcome> {
  try {
    const { status, body } = await reply;
    return { status, body: withoutHeartbeat(body) };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return {
      error: error.constructor.name,
      ...(error.failure.status === undefined ? {} : { status: error.failure.status }),
    };
  }
}

let upstream: SandboxUpstream;
let http: GraphHttp;

beforeAll(async () => {
  upstream = await sandboxUpstream({ scenario: 'ready' });
  http = createGraphHttp({
    client: upstream.client,
    logger: silentLogger,
    clock: systemClock,
    retry: { baseDelayMs: 2, maxDelayMs: 5, maxTotalMs: 2_000 },
  });
});
afterAll(async () => {
  await upstream.close();
});

describe('coalesced reads, property', () => {
  it('every caller of a set of concurrent reads with random per-route faults gets what its direct request gives', async () => {
    const pick = fc.record({ path: fc.constantFrom(...PATHS), fault: fc.constantFrom(...FAULTS) });
    await fc.assert(
      fc.asyncProperty(fc.array(pick, { minLength: 1, maxLength: 26 }), async (picks) => {
        const faultOf = new Map<string, string>();
        for (const { path, fault } of picks) if (!faultOf.has(path)) faultOf.set(path, fault);
        const spec = [...faultOf]
          .filter(([, fault]) => fault !== '')
          .map(([path, fault]) => `route=/graph/beta${path};method=GET;${fault}`)
          .join(' | ');
        const calls: GraphCall[] = picks.map(({ path }) => ({ operation: `read ${path}`, method: 'GET', path }));
        const run = async (send: (calls: GraphCall[]) => Promise<Outcome[]>) => {
          await upstream.control('DELETE', '/faults');
          if (spec !== '') await upstream.control('POST', '/faults', { spec });
          await upstream.control('DELETE', '/requests');
          const outcomes = await send(calls);
          const { rules } = (await upstream.control('GET', '/faults')) as { rules: { fired: number }[] };
          const batches = (await upstream.requests()).filter((entry) => entry.path.endsWith('/$batch')).length;
          return { outcomes, fired: rules.map((rule) => rule.fired > 0), batches };
        };
        const together = await run((all) => Promise.all(all.map((call) => outcomeOf(http.send(call)))));
        const direct = await run(async (all) => {
          const outcomes: Outcome[] = [];
          for (const call of all) outcomes.push(await outcomeOf(http.send(call)));
          return outcomes;
        });
        expect(together.outcomes).toEqual(direct.outcomes);
        expect(together.fired.every(Boolean), 'every fault fired inside the batch').toBe(true);
        expect(direct.fired.every(Boolean), 'every fault fired on direct requests').toBe(true);
        expect(together.batches).toBeGreaterThanOrEqual(calls.length > 1 ? 1 : 0);
        expect(direct.batches).toBe(0);
      }),
      { seed: 16, numRuns: 25 },
    );
  }, 60_000);
});
