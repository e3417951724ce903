import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

describe('check, through the bot against the sandbox tenant', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'fresh' });
    harness = await startTestBot({ tenant: tenant.tenant });
  });
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  it('reads the tenant through the real credential and Graph client over HTTPS, and reports attach missing', async () => {
    await harness.post(messageActivity('check', { serviceUrl: harness.connector.url }));
    await harness.connector.waitFor((calls) => calls.length === 1, 20_000);
    const card = JSON.stringify(harness.connector.cards()[0]);
    expect(card).toMatch(/tenant attach/i);
    expect(card).toContain('❌');

    const log = await tenant.requests();
    const tokenIndex = log.findIndex((entry) => entry.method === 'POST' && entry.path.endsWith('/oauth2/v2.0/token'));
    const graphCalls = log.filter((entry) => entry.path.startsWith('/graph/'));
    expect(tokenIndex).toBeGreaterThanOrEqual(0);
    expect(graphCalls.length).toBeGreaterThan(0);
    expect(log.indexOf(graphCalls[0]!)).toBeGreaterThan(tokenIndex);
    for (const call of graphCalls) {
      expect(call.authorization).toEqual({ present: true, scheme: 'Bearer' });
      expect(call.clientRequestId).toBeTruthy();
    }
    expect(tenant.sandbox.url.startsWith('https://')).toBe(true);
  });
});
