import { describe, expect, it } from 'vitest';
import { describeDriftItem } from '../../../core/drift/describe-drift.js';
import { groupNamesOf } from '../../../core/drift/drift-group-names.js';
import type { NormalisedTarget } from '../../../core/drift/normalise-policy.js';
import type { DriftItem } from '../../../core/drift/policy-drift.js';
import type { DirectoryGroup } from '../../../core/ports/directory.js';

const FINANCE = '0f6d2a4e-1111-4c3b-9c1e-5a4f3e2d1c0b';
const GONE = '7a1b2c3d-2222-4e5f-8a9b-0c1d2e3f4a5b';
const BROKEN = '9e8d7c6b-3333-4a49-b382-7160f5e4d3c2';
const directory = {
  findGroups(id: string): Promise<readonly DirectoryGroup[]> {
    if (id === BROKEN) return Promise.reject(new Error('directory down'));
    return Promise.resolve(id === FINANCE ? [{ id: FINANCE.toUpperCase(), displayName: 'SG-Finance' }] : []);
  },
};
const target = (key: string): NormalisedTarget => ({ key, filter: '' });

describe('group names on drift lines', () => {
  it('names each group once by its display name; an unknown or unreadable group keeps its id', async () => {
    const items: DriftItem[] = [
      { kind: 'target-added', target: target(`groupassignmenttarget:${FINANCE}`) },
      { kind: 'target-removed', target: target(`exclusiongroupassignmenttarget:${GONE}`) },
      { kind: 'filter-changed', key: `groupassignmenttarget:${BROKEN}`, approved: '', now: 'include:f1' },
      { kind: 'target-added', target: target('configurationmanagercollectionassignmenttarget:PS100015') },
    ];
    const names = await groupNamesOf(directory, items);
    expect(names).toEqual({ [FINANCE]: 'SG-Finance' });
    expect(items.map((item) => describeDriftItem(item, names))).toEqual([
      `Target added: group SG-Finance (${FINANCE}) (no filter)`,
      `Target removed: excluded group ${GONE} (no filter)`,
      `Filter on group ${BROKEN}: no filter → include filter f1`,
      'Target added: collection PS100015 (no filter)',
    ]);
  });
});
