import { SITE_CODE } from '../constants.js';
import { intHash } from './rng.js';

export type IndexRange = readonly [start: number, end: number];

export interface CmCollection {
  readonly id: string;
  readonly name: string;
  readonly collectionType: 1 | 2;
  readonly limitToCollectionId: string;
  readonly comment: string;
  readonly memberRanges: readonly IndexRange[];
  readonly userMemberIds: readonly string[];
  readonly isBuiltIn: boolean;
}

export function rangeCount(ranges: readonly IndexRange[]): number {
  return ranges.reduce((sum, [start, end]) => sum + (end - start), 0);
}

export function collectionMemberCount(collection: CmCollection): number {
  return collection.collectionType === 1 ? collection.userMemberIds.length : rangeCount(collection.memberRanges);
}

/** Member device indices in order; stops early once `limit` indices are produced. */
export function* memberIndices(
  collection: CmCollection,
  skip = 0,
  limit = Number.POSITIVE_INFINITY,
): Generator<number> {
  let toSkip = skip;
  let produced = 0;
  for (const [start, end] of collection.memberRanges) {
    const length = end - start;
    if (toSkip >= length) {
      toSkip -= length;
      continue;
    }
    for (let index = start + toSkip; index < end && produced < limit; index += 1, produced += 1) yield index;
    toSkip = 0;
    if (produced >= limit) return;
  }
}

export function collectionIdFor(sequence: number): string {
  return `${SITE_CODE}${sequence.toString(16).toUpperCase().padStart(5, '0')}`;
}

const ALL_SYSTEMS = 'SMS00001';

function builtIns(deviceCount: number, userIds: readonly string[]): CmCollection[] {
  const base = { comment: '', isBuiltIn: true, userMemberIds: [] as string[], memberRanges: [] as IndexRange[] };
  return [
    {
      ...base,
      id: ALL_SYSTEMS,
      name: 'All Systems',
      collectionType: 2,
      limitToCollectionId: '',
      comment: 'All Systems',
      memberRanges: [[0, deviceCount]],
    },
    { ...base, id: 'SMS00002', name: 'All Users', collectionType: 1, limitToCollectionId: '', userMemberIds: userIds },
    { ...base, id: 'SMS00003', name: 'All User Groups', collectionType: 1, limitToCollectionId: '' },
    {
      ...base,
      id: 'SMS00004',
      name: 'All Users and User Groups',
      collectionType: 1,
      limitToCollectionId: '',
      userMemberIds: userIds,
    },
    {
      ...base,
      id: 'SMSDM003',
      name: 'All Desktop and Server Clients',
      collectionType: 2,
      limitToCollectionId: ALL_SYSTEMS,
      memberRanges: [[0, deviceCount]],
    },
  ];
}

const DEMO_DEVICE_COLLECTIONS: ReadonlyArray<readonly [number, string, readonly IndexRange[]]> = [
  [0x10, 'All Windows 11 Workstations', [[200, 260]]],
  [0x11, 'Finance Workstations', [[40, 70]]],
  [0x12, 'HR Workstations', [[70, 90]]],
  [0x13, 'Servers - Production', [[280, 300]]],
  [0x14, 'Sales Laptops', [[90, 130]]],
  [0x15, 'PILOT-EDR-Ring0', [[0, 10]]],
  [0x16, 'PILOT-EDR-Ring1', [[10, 40]]],
  [
    0x17,
    'PILOT-AV-Ring0',
    [
      [0, 5],
      [200, 205],
    ],
  ],
  [0x18, 'Kiosk Devices', [[260, 270]]],
  [0x19, 'Lab Devices', [[270, 280]]],
  [0x1a, 'Windows 8.1 Legacy', [[130, 135]]],
  [0x1b, 'Empty Test Collection', []],
  [0x42, 'All Windows 10 Workstations', [[0, 200]]],
];

export const DEMO_DEVICE_COUNT = 300;
export const DEMO_USER_COLLECTION_ID = collectionIdFor(0x20);

export function demoCollections(
  userIds: readonly string[],
  operatorIds: readonly string[],
  deviceCount = DEMO_DEVICE_COUNT,
): CmCollection[] {
  const devices = DEMO_DEVICE_COLLECTIONS.map(([sequence, name, ranges]): CmCollection => ({
    id: collectionIdFor(sequence),
    name,
    collectionType: 2,
    limitToCollectionId: ALL_SYSTEMS,
    comment: '',
    memberRanges: ranges,
    userMemberIds: [],
    isBuiltIn: false,
  }));
  const users: CmCollection = {
    id: DEMO_USER_COLLECTION_ID,
    name: 'AttachOps Operators (users)',
    collectionType: 1,
    limitToCollectionId: 'SMS00002',
    comment: 'User collection',
    memberRanges: [],
    userMemberIds: operatorIds,
    isBuiltIn: false,
  };
  return [...builtIns(deviceCount, userIds), ...devices, users];
}

export const LARGE_DEVICE_COUNT = 200_000;
export const LARGE_COLLECTION_COUNT = 10_000;

/** The `large` hierarchy: each generated collection is one contiguous range of devices, computed from its index. */
export function largeCollectionAt(position: number): CmCollection {
  const sequence = 0x100 + position;
  const size = 1 + intHash(400, 'large-size', position);
  const start = intHash(LARGE_DEVICE_COUNT - size, 'large-start', position);
  const prefix = position % 50 === 0 ? 'PILOT-' : '';
  return {
    id: collectionIdFor(sequence),
    name: `${prefix}Dept ${String(position).padStart(5, '0')} Workstations`,
    collectionType: 2,
    limitToCollectionId: ALL_SYSTEMS,
    comment: '',
    memberRanges: [[start, start + size]],
    userMemberIds: [],
    isBuiltIn: false,
  };
}
