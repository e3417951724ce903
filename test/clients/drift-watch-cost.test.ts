import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEndpointSecurityPolicies } from '../../adapters/graph/graph-endpoint-security-policies.js';
import { createGraphPolicyDriftReads } from '../../adapters/graph/graph-policy-drift-reads.js';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../core/drift/baseline-store.js';
import { DriftWatcher } from '../../core/drift/drift-watcher.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { PolicyDraft } from '../../core/policy/policy-draft.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

const draft = (name: string): PolicyDraft => ({
  kind: 'configmgr-edr',
  profile: 'edr',
  target: 'configmgr',
  name,
  description: '',
  settings: { sampleSharing: 'none' },
});

/**
 * The watcher at the round-trip floor: with nothing changed, one cycle over N watched policies sends ⌈N/20⌉ HTTP
 * requests ($batch calls of 20 cheap looks) and reads no policy in full. Measured against the sandbox's request log.
 */
describe('drift watch cost per cycle', () => {
  let upstream: SandboxUpstream;
  const ids: string[] = [];

  beforeAll(async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    const policies = createGraphEndpointSecurityPolicies(upstream.http);
    for (let i = 0; i < 1000; i += 1) ids.push((await policies.create(draft(`Watched ${i}`))).id);
  }, 120_000);
  afterAll(async () => upstream.close());

  async function measure(count: number): Promise<{ requests: number; readInFull: number; findings: number }> {
    const reads = createGraphPolicyDriftReads(upstream.http);
    const baselines = new BaselineStore(createMemoryStorage());
    const watched = ids.slice(0, count);
    for (const id of watched) {
      const state = await reads.read(id);
      if (state === undefined) throw new Error(`policy ${id} vanished`);
      await baselines.put(baselineFrom(id, state, systemClock.now().toISOString(), {}));
    }
    await upstream.control('DELETE', '/requests');
    const report = await new DriftWatcher({ baselines, reads, clock: systemClock, log: silentLogger }).cycle();
    const requests = (await upstream.requests()).filter(
      (request) => !request.inBatch && request.path.includes('/graph/'),
    );
    return { requests: requests.length, readInFull: report.readInFull, findings: report.findings.length };
  }

  it.each([1, 100, 1000])(
    '%i watched policies, no drift: at most ⌈N/20⌉ + 1 requests',
    async (count) => {
      const measured = await measure(count);
      expect(measured.findings).toBe(0);
      expect(measured.readInFull).toBe(0);
      expect(measured.requests).toBeLessThanOrEqual(Math.ceil(count / 20) + 1);
      console.info(`drift watch, ${count} watched policies: ${measured.requests} requests per quiet cycle`);
    },
    120_000,
  );
});
