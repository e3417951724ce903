import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamUnauthorized, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import { messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const TOKEN_ROUTE = '/login/*/oauth2/v2.0/token';

describe('the token request meets transient faults and refusals, through the real credential and the bot', () => {
  let tenant: SandboxTenant | undefined;
  let harness: TestBot | undefined;
  afterEach(async () => {
    await harness?.close();
    await tenant?.close();
    harness = undefined;
    tenant = undefined;
  });

  async function check(options: { faults?: string; env?: Record<string, string> }): Promise<string> {
    tenant = await startSandboxTenant({ scenario: 'fresh', ...(options.env ? { env: options.env } : {}) });
    if (options.faults) await tenant.control('POST', 'faults', { spec: options.faults });
    harness = await startTestBot({ tenant: tenant.tenant });
    await harness.post(messageActivity('check', { serviceUrl: harness.connector.url }));
    await harness.connector.waitFor((calls) => calls.length === 1, 30_000);
    return JSON.stringify(harness.connector.cards()[0]);
  }

  async function tokenStatuses(): Promise<number[]> {
    const log = (await tenant?.requests()) ?? [];
    return log
      .filter((entry) => entry.method === 'POST' && entry.path.endsWith('/oauth2/v2.0/token'))
      .map((e) => e.status);
  }

  for (const kind of ['503', 'reset']) {
    it(`token endpoint ${kind} twice: the normal answer`, async () => {
      const card = await check({ faults: `route=${TOKEN_ROUTE};kind=${kind};count=2` });
      expect(card).toMatch(/tenant attach/i);
      expect(card).not.toMatch(/authenticate|unauthori|Could not check/i);
      const statuses = await tokenStatuses();
      expect(statuses.slice(0, 2)).toEqual(kind === '503' ? [503, 503] : [-1, -1]);
      expect(statuses).toContain(200);
    });
  }

  it('a refused secret fails at once, naming the setting to check and never the secret', async () => {
    // Through the tenant services: a command would not show it, since access control reads the directory first and
    // serves a caller it cannot look up as "unknown to the directory".
    const wrongSecret = 'not-the-secret-Qx7~value';
    tenant = await startSandboxTenant({ scenario: 'fresh', env: { GRAPH_CLIENT_SECRET: wrongSecret } });
    const error: unknown = await tenant.tenant.directory.isGlobalAdministrator('x').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(UpstreamUnauthorized);
    const message = (error as Error).message;
    expect(message).toContain('check GRAPH_CLIENT_SECRET');
    expect(message).toContain('invalid_client, AADSTS7000215');
    expect(message).not.toContain(wrongSecret);
    expect(await tokenStatuses()).toEqual([401]);
  });

  it('a token endpoint that keeps failing is "unavailable", never "could not authenticate"', async () => {
    tenant = await startSandboxTenant({ scenario: 'fresh' });
    await tenant.control('POST', 'faults', { spec: `route=${TOKEN_ROUTE};kind=503` });
    const error: unknown = await tenant.tenant.directory.isGlobalAdministrator('x').then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(UpstreamUnavailable);
    expect((await tokenStatuses()).every((status) => status === 503)).toBe(true);
  });
});
