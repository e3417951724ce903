import { describe, expect, it } from 'vitest';
import { parseAssignment, toAssignmentBody } from '../../adapters/graph/assignment-body.js';

describe('assignment bodies (graph-intune.md §11.2)', () => {
  it('sends an assignment read from the tenant back exactly as read: filter, original case, unknown properties', () => {
    const read = {
      id: 'p_ps100042',
      source: 'direct',
      sourceId: 'p',
      target: {
        '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
        collectionId: 'ps100042',
        deviceAndAppManagementAssignmentFilterId: 'F1F1F1F1-0000-4000-8000-000000000001',
        deviceAndAppManagementAssignmentFilterType: 'include',
        aPropertyFromTheFuture: [1, 2],
      },
    };
    const target = parseAssignment(read);
    expect(target).toMatchObject({
      kind: 'collection',
      collectionId: 'PS100042',
      filter: { id: 'F1F1F1F1-0000-4000-8000-000000000001', mode: 'include' },
    });
    expect(JSON.stringify(toAssignmentBody(target))).toBe(JSON.stringify(read));
  });

  it('builds a new target with its filter, and none for filter type none', () => {
    expect(toAssignmentBody({ kind: 'group', groupId: 'g', filter: { id: 'f', mode: 'exclude' } })).toEqual({
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: 'g',
        deviceAndAppManagementAssignmentFilterId: 'f',
        deviceAndAppManagementAssignmentFilterType: 'exclude',
      },
    });
    const unfiltered = parseAssignment({
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: 'g',
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: 'none',
      },
    });
    expect(unfiltered.filter).toBeUndefined();
  });
});
