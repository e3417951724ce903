import type { AssignmentTarget } from '../policy/assignment-target.js';
import type { CollectionSummary } from '../ports/configmgr-gateway.js';
import type { TenantServices } from '../tenant-services.js';
import { sameCollectionId } from '../workflow/upload-scope.js';
import { collectionLabel } from './collection-targets.js';
import { groupLabel } from './group-targets.js';
import type { PlannedTarget } from './planned-target.js';

/**
 * Names and device counts for targets a policy already has, for plans and cards. A lookup that fails only costs the
 * name: the id is shown instead.
 */
export async function describeTargets(
  services: Pick<TenantServices, 'directory' | 'configMgr'>,
  targets: readonly AssignmentTarget[],
): Promise<PlannedTarget[]> {
  const collections = await readCollections(services, targets);
  return Promise.all(targets.map((target) => describeTarget(services, target, collections)));
}

/** Every collection target's row in one query (not one request per target); empty when the read fails. */
async function readCollections(
  services: Pick<TenantServices, 'configMgr'>,
  targets: readonly AssignmentTarget[],
): Promise<readonly CollectionSummary[]> {
  const ids = targets.flatMap((target) => (target.kind === 'collection' ? [target.collectionId] : []));
  if (ids.length === 0) return [];
  const read = await services.configMgr.listCollections({ ids }).catch(() => undefined);
  return read?.ok ? read.value.items : [];
}

async function describeTarget(
  services: Pick<TenantServices, 'directory' | 'configMgr'>,
  target: AssignmentTarget,
  collections: readonly CollectionSummary[],
): Promise<PlannedTarget> {
  switch (target.kind) {
    case 'group':
    case 'exclude-group': {
      const groups = await services.directory.findGroups(target.groupId).catch(() => []);
      const group = groups.find((candidate) => candidate.id === target.groupId);
      return { target, label: groupLabel(group ?? { id: target.groupId, displayName: 'unknown name' }, target.kind) };
    }
    case 'collection': {
      const found = collections.find((collection) => sameCollectionId(collection.id, target.collectionId));
      if (!found) return { target, label: collectionLabel({ id: target.collectionId, name: 'unknown name' }) };
      return { target, label: collectionLabel(found), devices: found.memberCount };
    }
    case 'all-devices':
      return { target, label: 'All devices' };
    case 'all-users':
      return { target, label: 'All users' };
    case 'other':
      return { target, label: target.description };
  }
}
