/**
 * Benchmark: the compliance summary of 100 ConfigMgr-targeted policies against the sandbox, batched (one
 * getPolicySummaries call: $batch of 20) versus a naive baseline of one request per policy, measured in the same run.
 * Run with `npm run bench` (builds with tsc, then runs dist/bench/compliance-summary.js under plain node).
 */
import { readCompliance } from '../core/compliance/read-compliance.js';
import { systemClock } from '../core/ports/clock.js';
import { silentLogger } from '../core/ports/logger.js';
import type { TenantServices } from '../core/tenant-services.js';
import { startSandbox } from '../sandbox/index.js';
import { sandboxTenantServices } from './support/sandbox-tenant.js';
import { type BenchTls, runTrustingSandbox } from './support/trusted-child.js';

const POLICIES = 100;
const ROUNDS = 7;

interface Measured {
  readonly ms: number;
  readonly graphRequests: number;
  readonly batchRequests: number;
}

async function main(tls: BenchTls): Promise<void> {
  const sandbox = await startSandbox({ scenario: 'ready', seed: 7, tls });
  try {
    const tenant = sandboxTenantServices(sandbox.url);
    const ids = await createPolicies(tenant);
    const control = async (method: string, path: string): Promise<unknown> => {
      const response = await fetch(`${sandbox.url}/_sandbox/${path}`, { method });
      const text = await response.text();
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    };
    const measure = async (work: () => Promise<unknown>): Promise<Measured> => {
      await control('DELETE', 'requests');
      const started = performance.now();
      await work();
      const ms = performance.now() - started;
      const log = (
        (await control('GET', 'requests')) as { requests: { path: string; inBatch?: boolean }[] }
      ).requests.filter((request) => request.path.startsWith('/graph/') && request.inBatch !== true);
      return {
        ms,
        graphRequests: log.length,
        batchRequests: log.filter((request) => request.path.endsWith('/$batch')).length,
      };
    };
    const batched = () => readCompliance(tenant, systemClock, silentLogger);
    const naive = async () => {
      await tenant.policies.list({ managedOnly: true });
      for (const id of ids) await tenant.intuneCollections.getPolicySummaries([id]);
    };
    await batched();
    await naive();
    const results: { batched: Measured[]; naive: Measured[] } = { batched: [], naive: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      results.batched.push(await measure(batched));
      results.naive.push(await measure(naive));
    }
    report(results);
  } finally {
    await sandbox.close();
  }
}

async function createPolicies(tenant: TenantServices): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < POLICIES; index += 1) {
    const { id } = await tenant.policies.create({
      kind: 'configmgr-edr',
      profile: 'edr',
      target: 'configmgr',
      name: `Bench EDR ${index}`,
      description: '',
      settings: {},
    });
    if (index % 10 === 0) await tenant.policies.assign(id, [{ kind: 'collection', collectionId: 'PS100042' }]);
    ids.push(id);
  }
  return ids;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function report(results: { batched: Measured[]; naive: Measured[] }): void {
  const batchedMs = median(results.batched.map((run) => run.ms));
  const naiveMs = median(results.naive.map((run) => run.ms));
  const first = (runs: Measured[]): Measured => runs[0] ?? { ms: 0, graphRequests: 0, batchRequests: 0 };
  console.log(`compliance summary of ${POLICIES} ConfigMgr policies against the sandbox, median of ${ROUNDS} rounds`);
  console.log(
    `  batched : ${batchedMs.toFixed(1)} ms, ${first(results.batched).graphRequests} Graph requests (${first(results.batched).batchRequests} $batch)`,
  );
  console.log(
    `  naive   : ${naiveMs.toFixed(1)} ms, ${first(results.naive).graphRequests} Graph requests (${first(results.naive).batchRequests} $batch, one per policy)`,
  );
  console.log(
    `  ratio   : naive / batched wall time = ${(naiveMs / batchedMs).toFixed(2)}x; upstream calls ${first(results.naive).graphRequests} vs ${first(results.batched).graphRequests}`,
  );
}

await runTrustingSandbox(main);
