import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEndpointSecurityPolicies } from '../../adapters/graph/graph-endpoint-security-policies.js';
import { createGraphPolicyDriftReads } from '../../adapters/graph/graph-policy-drift-reads.js';
import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../core/drift/baseline-store.js';
import { DriftWatcher } from '../../core/drift/drift-watcher.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { PolicyDriftReads } from '../../core/ports/policy-drift-reads.js';
import { ASSIGNMENT_FILTERS } from '../../sandbox/world/assignment-filters.js';
import { type SandboxUpstream, sandboxUpstream } from './sandbox-upstream.js';

const SAMPLE_SHARING = 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing';
const FILTER_ID = ASSIGNMENT_FILTERS[0]?.id ?? '';

/** The sandbox's portal edits, seen by the drift watcher through the real Graph adapter. */
describe('drift against portal edits in the sandbox', () => {
  let upstream: SandboxUpstream;
  let reads: PolicyDriftReads;
  const ids: string[] = [];

  beforeAll(async () => {
    upstream = await sandboxUpstream({ scenario: 'ready' });
    reads = createGraphPolicyDriftReads(upstream.http);
    const policies = createGraphEndpointSecurityPolicies(upstream.http);
    for (let i = 0; i < 10; i += 1) {
      const { id } = await policies.create({
        kind: 'configmgr-edr',
        profile: 'edr',
        target: 'configmgr',
        name: `Drift ${i}`,
        description: '',
        settings: { sampleSharing: 'all' },
      });
      await policies.assign(id, [
        { kind: 'collection', collectionId: 'PS100015', filter: { id: FILTER_ID, mode: 'include' } },
        { kind: 'collection', collectionId: 'PS100042' },
      ]);
      ids.push(id);
    }
  }, 60_000);
  afterAll(async () => upstream.close());

  async function watching(policyIds: readonly string[]) {
    const baselines = new BaselineStore(createMemoryStorage());
    for (const id of policyIds) {
      const state = await reads.read(id);
      if (!state) throw new Error(`no policy ${id}`);
      await baselines.put(baselineFrom(id, state, systemClock.now().toISOString(), {}));
    }
    return new DriftWatcher({ baselines, reads, clock: systemClock, log: silentLogger });
  }

  it('finds no drift in 100 cycles of noise on 10 policies', async () => {
    const watcher = await watching(ids);
    let findings = 0;
    let readInFull = 0;
    for (let cycle = 0; cycle < 100; cycle += 1) {
      for (const id of ids) await upstream.control('POST', `/portal/policies/${id}/noise`);
      const report = await watcher.cycle();
      findings += report.findings.length;
      readInFull += report.readInFull;
    }
    expect(findings).toBe(0);
    expect(readInFull).toBe(1000);
  }, 120_000);

  it('finds a flipped setting and a removed target as one finding naming both, and Intune audits who did it', async () => {
    const [id] = ids;
    if (id === undefined) throw new Error('no policy');
    const watcher = await watching([id]);
    const since = new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    await upstream.control('POST', `/portal/policies/${id}/settings`, {
      settingDefinitionId: SAMPLE_SHARING,
      value: `${SAMPLE_SHARING}_0`,
      actor: 'megan.bowen@contoso.example',
    });
    await upstream.control('POST', `/portal/policies/${id}/assignments`, {
      remove: [
        { '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget', collectionId: 'PS100042' },
      ],
      actor: 'megan.bowen@contoso.example',
    });
    const { findings } = await watcher.cycle();
    expect(findings.map((f) => f.items.map((item) => item.kind))).toEqual([['setting', 'target-removed']]);
    const audit = await upstream.http.send({
      operation: 'read audit events',
      method: 'GET',
      path: '/deviceManagement/auditEvents',
      query: { $filter: `activityDateTime ge ${since}` },
    });
    const events = (
      audit.body as { value: { actor: { userPrincipalName: string }; resources: { resourceId: string }[] }[] }
    ).value;
    expect(events.map((e) => [e.actor.userPrincipalName, e.resources[0]?.resourceId])).toEqual([
      ['megan.bowen@contoso.example', id],
      ['megan.bowen@contoso.example', id],
    ]);
    const read = await reads.changesSince(since);
    expect(read.kind === 'read' && read.changes.map((c) => [c.actor, c.actorKind, c.policyIds])).toEqual([
      ['megan.bowen@contoso.example', 'person', [id.toLowerCase()]],
      ['megan.bowen@contoso.example', 'person', [id.toLowerCase()]],
    ]);
  });

  it('finds a changed filter, a rename and a delete, each as one drift', async () => {
    const [, second, third] = ids;
    if (second === undefined || third === undefined) throw new Error('no policy');
    const watcher = await watching([second, third]);
    await upstream.control('POST', `/portal/policies/${second}/assignments`, {
      add: [
        {
          '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
          collectionId: 'PS100015',
          deviceAndAppManagementAssignmentFilterId: FILTER_ID,
          deviceAndAppManagementAssignmentFilterType: 'exclude',
        },
      ],
      actor: 'adele.vance@contoso.example',
    });
    await upstream.control('POST', `/portal/policies/${second}/rename`, {
      name: 'Drift renamed',
      actor: 'Contoso automation',
    });
    await upstream.control('DELETE', `/portal/policies/${third}?actor=adele.vance@contoso.example`);
    const { findings } = await watcher.cycle();
    const byPolicy = new Map(findings.map((f) => [f.baseline.policyId, f.items.map((item) => item.kind)]));
    expect(byPolicy).toEqual(
      new Map([
        [second.toLowerCase(), ['renamed', 'filter-changed']],
        [third.toLowerCase(), ['deleted']],
      ]),
    );
  });
});
