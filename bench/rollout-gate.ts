/**
 * Benchmark: report requests per rollout gate check (issue 27: at most 2 per ring per check). One gate evaluation
 * (core/rollouts/ring-counts.ts, as the rollout-gate wait calls it) against the sandbox, for a ConfigMgr-targeted
 * policy (the collection policy summary) and for an Intune-targeted one (the devices report, paged by 50), at growing
 * numbers of devices. Counts Graph requests from the sandbox's request log; run with `npm run bench:rollout-gate`.
 */
import { readPolicyCounts } from '../core/rollouts/ring-counts.js';
import type { AssignmentTarget } from '../core/policy/assignment-target.js';
import { startSandbox } from '../sandbox/index.js';
import { sandboxTenantServices } from './support/sandbox-tenant.js';
import { type BenchTls, runTrustingSandbox } from './support/trusted-child.js';
import { GROUP_IDS } from '../sandbox/world/directory.js';

async function main(tls: BenchTls): Promise<void> {
  const sandbox = await startSandbox({ scenario: 'ready', seed: 7, tls });
  try {
    const tenant = sandboxTenantServices(sandbox.url);
    const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    };
    const requestsOf = async (work: () => Promise<unknown>): Promise<number> => {
      await control('DELETE', 'requests');
      await work();
      const log = (await control('GET', 'requests')) as { requests: { path: string; inBatch?: boolean }[] };
      return log.requests.filter((request) => request.path.startsWith('/graph/') && request.inBatch !== true).length;
    };
    await control('POST', 'console/collections/PS100013/cloud-sync', { endpointSecurity: true });
    await control('POST', 'clock/advance', { seconds: 3600 });
    const rows: string[] = [];
    const configMgr = (
      await tenant.policies.create({
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name: 'Bench rings ConfigMgr',
        description: '',
        settings: {},
      })
    ).id;
    const intune = (
      await tenant.policies.create({
        kind: 'intune-edr',
        profile: 'edr',
        target: 'intune',
        name: 'Bench rings Intune',
        description: '',
        scopeTagIds: [],
        settings: {},
      })
    ).id;
    const [pilot] = await tenant.directory.findGroups('SG-Pilot-Devices');
    const [workstations] = await tenant.directory.findGroups('SG-All-Workstations');
    const rings: { label: string; configMgr: AssignmentTarget[]; intune: AssignmentTarget[] }[] = [
      {
        label: 'ring 1',
        configMgr: [{ kind: 'collection', collectionId: 'PS100015' }],
        intune: [{ kind: 'group', groupId: pilot?.id ?? '' }],
      },
      {
        label: 'ring 2',
        configMgr: [{ kind: 'collection', collectionId: 'PS100042' }],
        intune: [{ kind: 'group', groupId: workstations?.id ?? '' }],
      },
      {
        label: 'ring 3',
        configMgr: [{ kind: 'collection', collectionId: 'PS100013' }],
        intune: [{ kind: 'group', groupId: GROUP_IDS.duplicateA }],
      },
    ];
    let configMgrTargets: AssignmentTarget[] = [];
    let intuneTargets: AssignmentTarget[] = [];
    for (const ring of rings) {
      configMgrTargets = [...configMgrTargets, ...ring.configMgr];
      intuneTargets = [...intuneTargets, ...ring.intune];
      await tenant.policies.assign(configMgr, configMgrTargets);
      await tenant.policies.assign(intune, intuneTargets);
      await control('POST', 'clock/advance', { seconds: 3600 });
      const cm = await readPolicyCounts(tenant, configMgr, 'configmgr');
      const mdm = await readPolicyCounts(tenant, intune, 'intune');
      const cmRequests = await requestsOf(() => readPolicyCounts(tenant, configMgr, 'configmgr'));
      const mdmRequests = await requestsOf(() => readPolicyCounts(tenant, intune, 'intune'));
      rows.push(
        `${ring.label.padEnd(7)}| ConfigMgr ${String(cm.targeted).padStart(4)} devices: ${cmRequests} request(s) | Intune ${String(mdm.targeted).padStart(4)} devices: ${mdmRequests} request(s)`,
      );
    }
    console.log('report requests per gate check (one evaluation of the policy the ring was added to); target <= 2');
    for (const row of rows) console.log(row);
  } finally {
    await sandbox.close();
  }
}

await runTrustingSandbox(main);
