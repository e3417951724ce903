import type {
  ConfigurationManagerCollectionAssignmentTarget,
  DeviceAndAppManagementAssignmentTarget,
  GroupAssignmentTarget,
} from '@microsoft/microsoft-graph-types-beta';
import { z } from 'zod';
import type { AssignmentTarget } from '../../core/policy/assignment-target.js';

type Typed<T> = T & { '@odata.type': string };
export type TargetBody = Typed<
  DeviceAndAppManagementAssignmentTarget | GroupAssignmentTarget | ConfigurationManagerCollectionAssignmentTarget
>;

const GROUP = '#microsoft.graph.groupAssignmentTarget';
const EXCLUDE_GROUP = '#microsoft.graph.exclusionGroupAssignmentTarget';
const COLLECTION = '#microsoft.graph.configurationManagerCollectionAssignmentTarget';
const ALL_DEVICES = '#microsoft.graph.allDevicesAssignmentTarget';
const ALL_USERS = '#microsoft.graph.allLicensedUsersAssignmentTarget';

/**
 * GUESS (graph-intune.md §5 "collectionId format: UNCERTAIN" and §10.1; configmgr-adminservice.md §7): we send the
 * ConfigMgr CollectionID ("PS100042", = configManagerCollection.collectionIdentifier), not the Intune row id.
 * If a tenant shows otherwise, change these two functions only.
 */
export function collectionAssignmentId(collectionId: string): string {
  return collectionId.toUpperCase();
}

export function collectionIdFromAssignment(value: string): string {
  return value.toUpperCase();
}

/** The filter properties of deviceAndAppManagementAssignmentTarget (graph-intune.md §5, §11.2). */
const FILTER_ID = 'deviceAndAppManagementAssignmentFilterId';
const FILTER_TYPE = 'deviceAndAppManagementAssignmentFilterType';

/**
 * One element of the `assign` body. A target read from the tenant goes back exactly as read (graph-intune.md §11.2);
 * only a target this bot adds is built here.
 */
export function toAssignmentBody(target: AssignmentTarget): unknown {
  if (target.asRead !== undefined) return target.asRead;
  return { target: toTargetBody(target) };
}

export function toTargetBody(target: AssignmentTarget): TargetBody {
  const body = targetKindBody(target);
  if (target.filter === undefined) return body;
  return { ...body, [FILTER_ID]: target.filter.id, [FILTER_TYPE]: target.filter.mode };
}

function targetKindBody(target: AssignmentTarget): TargetBody {
  switch (target.kind) {
    case 'group':
      return { '@odata.type': GROUP, groupId: target.groupId };
    case 'exclude-group':
      return { '@odata.type': EXCLUDE_GROUP, groupId: target.groupId };
    case 'collection':
      return { '@odata.type': COLLECTION, collectionId: collectionAssignmentId(target.collectionId) };
    case 'all-devices':
      return { '@odata.type': ALL_DEVICES };
    case 'all-users':
      return { '@odata.type': ALL_USERS };
    case 'other':
      return { '@odata.type': 'unknown', ...z.record(z.string(), z.unknown()).parse(target.raw) };
  }
}

const targetSchema = z.looseObject({
  '@odata.type': z.string(),
  groupId: z.string().optional(),
  collectionId: z.string().optional(),
  [FILTER_ID]: z.string().nullish(),
  [FILTER_TYPE]: z.string().nullish(),
});
const assignmentSchema = z.looseObject({ target: z.unknown() });

/** An assignment as read (or as `assign` returned it): its target, its filter, and the whole object to send back. */
export function parseAssignment(assignment: unknown): AssignmentTarget {
  const parsed = assignmentSchema.safeParse(assignment);
  const target = parseTarget(parsed.success ? parsed.data.target : undefined);
  const filter = parseFilter(parsed.success ? parsed.data.target : undefined);
  return { ...target, ...(filter ? { filter } : {}), asRead: assignment };
}

function parseFilter(raw: unknown): AssignmentTarget['filter'] {
  const parsed = targetSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const id = parsed.data[FILTER_ID];
  const mode = parsed.data[FILTER_TYPE]?.toLowerCase();
  if (!id || (mode !== 'include' && mode !== 'exclude')) return undefined;
  return { id, mode };
}

function parseTarget(raw: unknown): AssignmentTarget {
  const parsed = targetSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'other', description: 'unreadable target', raw };
  const { '@odata.type': type, groupId, collectionId } = parsed.data;
  if (type === GROUP && groupId) return { kind: 'group', groupId };
  if (type === EXCLUDE_GROUP && groupId) return { kind: 'exclude-group', groupId };
  if (type === COLLECTION && collectionId)
    return { kind: 'collection', collectionId: collectionIdFromAssignment(collectionId) };
  if (type === ALL_DEVICES) return { kind: 'all-devices' };
  if (type === ALL_USERS) return { kind: 'all-users' };
  return { kind: 'other', description: type.replace('#microsoft.graph.', ''), raw };
}
