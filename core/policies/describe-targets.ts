import type { AssignmentTarget } from '../policy/assignment-target.js';
import type { TenantServices } from '../tenant-services.js';
import { collectionLabel } from './collection-targets.js';
import { groupLabel } from './group-targets.js';
import type { PlannedTarget } from './planned-target.js';

/**
 * Names and device counts for targets a policy already has, for plans and cards. A lookup that fails only costs the
 * name: the id is shown instead.
 */
export function describeTargets(
  services: Pick<TenantServices, 'directory' | 'configMgr'>,
  targets: readonly AssignmentTarget[],
): Promise<PlannedTarget[]> {
  return Promise.all(targets.map((target) => describeTarget(services, target)));
}

async function describeTarget(
  services: Pick<TenantServices, 'directory' | 'configMgr'>,
  target: AssignmentTarget,
): Promise<PlannedTarget> {
  switch (target.kind) {
    case 'group':
    case 'exclude-group': {
      const groups = await services.directory.findGroups(target.groupId).catch(() => []);
      const group = groups.find((candidate) => candidate.id === target.groupId);
      return { target, label: groupLabel(group ?? { id: target.groupId, displayName: 'unknown name' }, target.kind) };
    }
    case 'collection': {
      const read = await services.configMgr.getCollection(target.collectionId).catch(() => undefined);
      if (!read?.ok) return { target, label: collectionLabel({ id: target.collectionId, name: 'unknown name' }) };
      return { target, label: collectionLabel(read.value), devices: read.value.memberCount };
    }
    case 'all-devices':
      return { target, label: 'All devices' };
    case 'all-users':
      return { target, label: 'All users' };
    case 'other':
      return { target, label: target.description };
  }
}
