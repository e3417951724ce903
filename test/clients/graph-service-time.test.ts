import { describe, expect, it } from 'vitest';
import { graphServiceTime } from '../../adapters/graph/graph-service-time.js';
import { FakeClock } from '../support/fake-clock.js';
import { startSandboxTenant } from '../support/sandbox-tenant.js';

describe("Graph's time, from the Date header of its answers", () => {
  it("is the host's clock until Graph answers, then the header's time carried on by the monotonic clock", () => {
    const clock = new FakeClock();
    let monotonic = 1_000;
    const time = graphServiceTime(clock, () => monotonic);
    expect(time.now()).toEqual(clock.now());
    time.observe('Tue, 01 Dec 2026 13:13:00 GMT');
    monotonic += 90_000;
    expect(time.now().toISOString()).toBe('2026-12-01T13:14:30.000Z');
    time.observe('not a date');
    time.observe(undefined);
    expect(time.now().toISOString()).toBe('2026-12-01T13:14:30.000Z');
  });

  it("follows the sandbox's simulated clock through the real adapters: an hour advanced is an hour later", async () => {
    const sandbox = await startSandboxTenant({ scenario: 'ready' });
    try {
      await sandbox.tenant.policies.list({ managedOnly: true });
      const before = sandbox.tenant.time?.now().getTime() ?? Number.NaN;
      await sandbox.control('POST', 'clock/advance', { seconds: 3600 });
      await sandbox.tenant.policies.list({ managedOnly: true });
      const after = sandbox.tenant.time?.now().getTime() ?? Number.NaN;
      // Whole-second headers and the real seconds between the two reads: an hour, give or take a few seconds.
      expect(after - before).toBeGreaterThanOrEqual(3_599_000);
      expect(after - before).toBeLessThan(3_610_000);
    } finally {
      await sandbox.close();
    }
  });
});
