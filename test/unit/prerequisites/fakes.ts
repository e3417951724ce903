import { fail, ok, type Result } from '../../../core/errors/gateway-error.js';
import type { CloudSyncState } from '../../../core/ports/configmgr-gateway.js';
import type { TenantServices } from '../../../core/tenant-services.js';
import type { PrerequisiteFacts } from '../../../core/prerequisites/facts.js';
import { gatherFacts, type GatherOptions } from '../../../core/prerequisites/gather-facts.js';
import { ALEX, NOW, type FakeWorld, type GatewayRead, type ThrowingRead } from './fake-world.js';

export interface FakeTenant {
  readonly services: TenantServices;
  /** Every port method called, in call order. */
  readonly calls: string[];
  /** When set, every read waits for it: lets a test see which reads had started before any finished. */
  gate?: Promise<void>;
}

const SYNCED_PAGE_SIZE = 2;

/** In-memory ports answering from a world; the prerequisite checks read only. */
export function createFakeTenant(world: FakeWorld): FakeTenant {
  const tenant: { calls: string[]; gate?: Promise<void> } = { calls: [] };

  async function enter(name: string): Promise<void> {
    tenant.calls.push(name);
    if (tenant.gate) await tenant.gate;
  }

  async function gateway<T>(name: GatewayRead, value: () => T): Promise<Result<T>> {
    await enter(`configMgr.${name}`);
    const failure = world.gatewayFailures[name];
    return failure ? fail(failure) : ok(value());
  }

  async function thrown<T>(name: ThrowingRead, method: string, value: () => T): Promise<T> {
    await enter(`${name}.${method}`);
    const error = world.thrown[name];
    if (error) throw error;
    return value();
  }

  function notUsed(what: string): () => never {
    return () => {
      throw new Error(`the prerequisite checks must not call ${what}`);
    };
  }

  const services: TenantServices = {
    configMgr: {
      getSiteInfo: () => gateway('getSiteInfo', () => world.site),
      listUpdatePackages: () => gateway('listUpdatePackages', () => world.updates),
      getTenantAttachState: () => gateway('getTenantAttachState', () => world.attach),
      getCollectionCloudSync: (collectionId) =>
        gateway('getCollectionCloudSync', (): CloudSyncState => ({
          collectionId,
          endpointSecurityEnabled: world.cloudSync.get(collectionId) ?? false,
          aadGroups: [],
        })),
      listCollectionCloudSync: (collectionIds) =>
        gateway('getCollectionCloudSync', (): CloudSyncState[] =>
          collectionIds.map((collectionId) => ({
            collectionId,
            endpointSecurityEnabled: world.cloudSync.get(collectionId) ?? false,
            aadGroups: [],
          })),
        ),
      configureTenantAttach: notUsed('configureTenantAttach'),
      setUploadScope: notUsed('setUploadScope'),
      listCollections: notUsed('listCollections'),
      countCollections: notUsed('countCollections'),
      getCollection: notUsed('getCollection'),
      listCollectionMembers: notUsed('listCollectionMembers'),
      setCollectionEndpointSecurity: notUsed('setCollectionEndpointSecurity'),
    },
    defenderConnector: { getDefenderConnector: () => thrown('defender', 'getDefenderConnector', () => world.defender) },
    cloudEnvironment: { getCloudEnvironment: () => thrown('cloud', 'getCloudEnvironment', () => world.cloud) },
    directory: {
      isGlobalAdministrator: (userId) =>
        thrown('directory', 'isGlobalAdministrator', () => world.globalAdministrators.has(userId)),
      globalAdministratorEligibility: (userId) =>
        thrown('eligibility', 'globalAdministratorEligibility', () => {
          if (!world.eligibilityReadPermitted) return 'not-permitted';
          return world.eligibleGlobalAdministrators.has(userId) ? 'eligible' : 'not-eligible';
        }),
      getUser: notUsed('getUser'),
      transitiveGroupIds: notUsed('transitiveGroupIds'),
      findGroups: notUsed('findGroups'),
    },
    intuneCollections: {
      listSyncedCollections: (page) =>
        thrown('collections', 'listSyncedCollections', () => {
          const start = Number(page?.cursor ?? '0');
          const end = start + SYNCED_PAGE_SIZE;
          return {
            items: world.synced.slice(start, end),
            ...(end < world.synced.length ? { cursor: String(end) } : {}),
          };
        }),
      findSyncedCollections: notUsed('findSyncedCollections'),
      getPolicySummaries: notUsed('getPolicySummaries'),
    },
    policies: {
      list: notUsed('policies.list'),
      get: notUsed('policies.get'),
      create: notUsed('policies.create'),
      replace: notUsed('policies.replace'),
      rename: notUsed('policies.rename'),
      delete: notUsed('policies.delete'),
      getAssignments: notUsed('policies.getAssignments'),
      assign: notUsed('policies.assign'),
      listScopeTags: notUsed('policies.listScopeTags'),
      listAssignmentFilters: notUsed('policies.listAssignmentFilters'),
    },
    complianceReports: { getPolicyDeviceStatuses: notUsed('getPolicyDeviceStatuses') },
  };
  return Object.assign(tenant, { services });
}

/** The facts a check gathers from this world, for rule tests. */
export async function factsOf(
  world: FakeWorld,
  options: Partial<Omit<GatherOptions, 'now'>> = {},
): Promise<PrerequisiteFacts> {
  return gatherFacts(createFakeTenant(world).services, { profile: 'all', requester: ALEX, now: NOW, ...options });
}
