/**
 * Benchmark: requests per drift watch cycle for 1, 100 and 1,000 watched policies against the sandbox (the real Graph
 * adapter and the watcher as the bot wires them), with no drift (the floor: ⌈N/20⌉ $batch calls of cheap looks) and
 * with one policy changed in the portal (plus its full read). Fails (exit code 1) when a quiet cycle costs more than
 * ⌈N/20⌉ + 1 requests. Run with `npm run bench:drift`.
 */
import { createMemoryStorage } from '../adapters/storage/memory-storage.js';
import { baselineFrom } from '../core/drift/baseline-recorder.js';
import { BaselineStore } from '../core/drift/baseline-store.js';
import { DriftWatcher } from '../core/drift/drift-watcher.js';
import { systemClock } from '../core/ports/clock.js';
import { silentLogger } from '../core/ports/logger.js';
import { startSandbox } from '../sandbox/index.js';
import { sandboxTenantServices } from './support/sandbox-tenant.js';
import { type BenchTls, runTrustingSandbox } from './support/trusted-child.js';

const SIZES = [1, 100, 1000] as const;
const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';

interface Row {
  readonly watched: number;
  readonly floor: number;
  readonly quiet: number;
  readonly quietBatches: number;
  readonly oneDrift: number;
}

async function main(tls: BenchTls): Promise<number> {
  const sandbox = await startSandbox({ scenario: 'ready', seed: 7, tls });
  try {
    const tenant = sandboxTenantServices(sandbox.url);
    const reads = tenant.driftReads;
    if (!reads) throw new Error('no drift reads');
    const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    };
    const graphRequests = async (): Promise<{ path: string }[]> =>
      ((await control('GET', 'requests')) as { requests: { path: string; inBatch?: boolean }[] }).requests.filter(
        (request) => request.path.startsWith('/graph/') && request.inBatch !== true,
      );
    const ids: string[] = [];
    for (let index = 0; index < Math.max(...SIZES); index += 1) {
      const { id } = await tenant.policies.create({
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name: `Watched ${index}`,
        description: '',
        settings: { sampleSharing: 'all' },
      });
      ids.push(id);
    }
    const rows: Row[] = [];
    for (const size of SIZES) {
      const baselines = new BaselineStore(createMemoryStorage());
      for (const id of ids.slice(0, size)) {
        const state = await reads.read(id);
        if (!state) throw new Error(`policy ${id} vanished`);
        await baselines.put(baselineFrom(id, state, systemClock.now().toISOString(), {}));
      }
      const watcher = new DriftWatcher({ baselines, reads, clock: systemClock, log: silentLogger });
      await control('DELETE', 'requests');
      const quietReport = await watcher.cycle();
      if (quietReport.findings.length > 0) throw new Error('drift in a quiet cycle');
      const quiet = await graphRequests();
      const changed = ids[0] ?? '';
      await control('POST', `portal/policies/${changed}/settings`, {
        settingDefinitionId: SAMPLE_SHARING,
        value: `${SAMPLE_SHARING}_0`,
        actor: 'bench@contoso.example',
      });
      await control('DELETE', 'requests');
      const driftReport = await watcher.cycle();
      const oneDrift = await graphRequests();
      await control('POST', `portal/policies/${changed}/settings`, {
        settingDefinitionId: SAMPLE_SHARING,
        value: `${SAMPLE_SHARING}_1`,
        actor: 'bench@contoso.example',
      });
      if (driftReport.findings.length !== 1) throw new Error('the changed policy was not found');
      rows.push({
        watched: size,
        floor: Math.ceil(size / 20),
        quiet: quiet.length,
        quietBatches: quiet.filter((request) => request.path.endsWith('/$batch')).length,
        oneDrift: oneDrift.length,
      });
    }
    console.log('drift watch: Graph requests per cycle against the sandbox (request log, $batch items not counted)');
    console.log('| watched | ⌈N/20⌉ | quiet cycle | of them $batch | cycle with one drift | bar ⌈N/20⌉ + 1 |');
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) {
      const ok = row.quiet <= row.floor + 1;
      console.log(
        `| ${row.watched} | ${row.floor} | ${row.quiet} | ${row.quietBatches} | ${row.oneDrift} | ${ok ? 'met' : 'MISSED'} |`,
      );
    }
    return rows.every((row) => row.quiet <= row.floor + 1) ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}

await runTrustingSandbox(async (tls) => {
  process.exitCode = await main(tls);
});
