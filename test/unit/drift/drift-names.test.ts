import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { baselineFrom } from '../../../core/drift/baseline-recorder.js';
import { BaselineStore } from '../../../core/drift/baseline-store.js';
import { describeDriftItem, describeRevert } from '../../../core/drift/describe-drift.js';
import { driftNamesIn, driftNamesOf } from '../../../core/drift/drift-names.js';
import type { NormalisedTarget } from '../../../core/drift/normalise-policy.js';
import { createDriftAcceptPlanner } from '../../../core/drift/plans/drift-baseline-planner.js';
import { createDriftRevertPlanner } from '../../../core/drift/plans/drift-revert-planner.js';
import type { DriftItem } from '../../../core/drift/policy-drift.js';
import type { DirectoryGroup } from '../../../core/ports/directory.js';
import type { AssignmentFilter, EndpointSecurityPolicies } from '../../../core/ports/endpoint-security-policies.js';
import { InMemoryDriftReads } from './in-memory-drift-reads.js';

const FINANCE = '0f6d2a4e-1111-4c3b-9c1e-5a4f3e2d1c0b';
const GONE = '7a1b2c3d-2222-4e5f-8a9b-0c1d2e3f4a5b';
const BROKEN = '9e8d7c6b-3333-4a49-b382-7160f5e4d3c2';
const CORPORATE = 'c0a1b2c3-4444-4d5e-8f90-a1b2c3d4e5f6';
const UNKNOWN_FILTER = 'e1e2e3e4-5555-4a6b-9c7d-8e9f0a1b2c3d';
const directory = {
  findGroups(id: string): Promise<readonly DirectoryGroup[]> {
    if (id === BROKEN) return Promise.reject(new Error('directory down'));
    return Promise.resolve(id === FINANCE ? [{ id: FINANCE.toUpperCase(), displayName: 'SG-Finance' }] : []);
  },
};
const filters: AssignmentFilter[] = [
  { id: CORPORATE.toUpperCase(), displayName: 'Corporate laptops', platform: 'windows10AndLater' },
];
let filterLists = 0;
const policies = {
  listAssignmentFilters(): Promise<readonly AssignmentFilter[]> {
    filterLists += 1;
    return Promise.resolve(filters);
  },
};
const target = (key: string, filter = ''): NormalisedTarget => ({ key, filter });

describe('group and filter names on drift lines', () => {
  it('names each group once by its display name; an unknown or unreadable group keeps its id', async () => {
    const items: DriftItem[] = [
      { kind: 'target-added', target: target(`groupassignmenttarget:${FINANCE}`) },
      { kind: 'target-removed', target: target(`exclusiongroupassignmenttarget:${GONE}`) },
      { kind: 'filter-changed', key: `groupassignmenttarget:${BROKEN}`, approved: '', now: 'include:f1' },
      { kind: 'target-added', target: target('configurationmanagercollectionassignmenttarget:PS100015') },
    ];
    const names = await driftNamesOf({ directory }, items);
    expect(names).toEqual({ [FINANCE]: 'SG-Finance' });
    expect(items.map((item) => describeDriftItem(item, names))).toEqual([
      `Target added: group SG-Finance (${FINANCE}) (no filter)`,
      `Target removed: excluded group ${GONE} (no filter)`,
      `Filter on group ${BROKEN}: no filter → include filter f1`,
      'Target added: collection PS100015 (no filter)',
    ]);
  });

  it('names assignment filters from one list request; an unknown filter keeps its id', async () => {
    filterLists = 0;
    const items: DriftItem[] = [
      { kind: 'target-added', target: target(`groupassignmenttarget:${FINANCE}`, `include:${CORPORATE}`) },
      {
        kind: 'filter-changed',
        key: `groupassignmenttarget:${FINANCE}`,
        approved: `exclude:${UNKNOWN_FILTER}`,
        now: `include:${CORPORATE}`,
      },
    ];
    const names = await driftNamesOf({ directory, policies }, items);
    expect(filterLists).toBe(1);
    expect(names).toEqual({ [FINANCE]: 'SG-Finance', [CORPORATE]: 'Corporate laptops' });
    expect(items.map((item) => describeDriftItem(item, names))).toEqual([
      `Target added: group SG-Finance (${FINANCE}) (include filter Corporate laptops (${CORPORATE}))`,
      `Filter on group SG-Finance (${FINANCE}): exclude filter ${UNKNOWN_FILTER} → include filter Corporate laptops (${CORPORATE})`,
    ]);
    expect(describeRevert(items[1] as DriftItem, names)).toBe(
      `Filter on group SG-Finance (${FINANCE}): include filter Corporate laptops (${CORPORATE}) → exclude filter ${UNKNOWN_FILTER}`,
    );
  });

  it('no filter list is read when no line names a filter, and a failed list only costs the names', async () => {
    filterLists = 0;
    const plain: DriftItem[] = [{ kind: 'target-added', target: target(`groupassignmenttarget:${FINANCE}`) }];
    await driftNamesOf({ directory, policies }, plain);
    expect(filterLists).toBe(0);
    const failing = { listAssignmentFilters: () => Promise.reject(new Error('throttled')) };
    const filtered: DriftItem[] = [
      { kind: 'target-added', target: target(`groupassignmenttarget:${GONE}`, `include:${CORPORATE}`) },
    ];
    expect(await driftNamesOf({ directory, policies: failing }, filtered)).toEqual({});
  });
});

describe('the Revert and Accept plans name groups and filters', () => {
  const POLICY = '3c9f1a2b-6666-4c7d-8e9f-0a1b2c3d4e5f';
  const wirePolicy = { id: POLICY, name: 'EDR - Finance', settings: [], lastModifiedDateTime: '2026-12-05T10:00:00Z' };
  const assignment = (groupId: string, filterId?: string) => ({
    target: {
      '@odata.type': '#microsoft.graph.groupAssignmentTarget',
      groupId,
      ...(filterId
        ? { deviceAndAppManagementAssignmentFilterId: filterId, deviceAndAppManagementAssignmentFilterType: 'include' }
        : {}),
    },
  });

  async function setUp() {
    const storage = createMemoryStorage();
    const baselines = new BaselineStore(storage);
    await baselines.put(
      baselineFrom(
        POLICY,
        { policy: wirePolicy, assignments: [assignment(FINANCE, CORPORATE)] },
        '2026-12-05T10:00:00Z',
        {},
      ),
    );
    const reads = new InMemoryDriftReads();
    reads.policies.set(POLICY, { policy: wirePolicy, assignments: [assignment(FINANCE)] });
    const parts = {
      baselines,
      reads,
      policies: policies as unknown as EndpointSecurityPolicies,
      names: driftNamesIn({ directory, policies }),
    };
    return parts;
  }

  it('Revert names what goes back, Accept what becomes approved, both by name with the ids kept', async () => {
    const parts = await setUp();
    const revert = await createDriftRevertPlanner(parts).plan({ policyId: POLICY });
    expect(revert.changes.map((change) => change.subject)).toEqual([
      `Filter on group SG-Finance (${FINANCE}): no filter → include filter Corporate laptops (${CORPORATE})`,
    ]);
    const accept = await createDriftAcceptPlanner(parts).plan({ policyId: POLICY });
    expect(accept.changes.map((change) => change.subject)).toEqual([
      `Filter on group SG-Finance (${FINANCE}): include filter Corporate laptops (${CORPORATE}) → no filter`,
    ]);
  });

  it('Recreate lists the approved targets by name', async () => {
    const parts = await setUp();
    parts.reads.policies.delete(POLICY);
    const recreate = await createDriftRevertPlanner(parts).plan({ policyId: POLICY });
    expect(recreate.changes.map((change) => change.subject)).toContain(
      `Target added: group SG-Finance (${FINANCE}) (include filter Corporate laptops (${CORPORATE}))`,
    );
  });
});
