import type { CloudEnvironment } from '../../../core/ports/cloud-environment.js';
import type {
  GatewayError,
  SiteInfo,
  TenantAttachState,
  Tri,
  UpdatePackage,
} from '../../../core/ports/configmgr-gateway.js';
import type { DefenderConnectorStatus } from '../../../core/ports/defender-connector.js';
import type { SyncedCollection } from '../../../core/ports/intune-collections.js';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const ALEX = { aadObjectId: '00000000-0000-4000-8000-00000000a1e7', name: 'Alex Wilber' };

export type GatewayRead = 'getSiteInfo' | 'listUpdatePackages' | 'getTenantAttachState' | 'getCollectionCloudSync';
export type ThrowingRead = 'defender' | 'cloud' | 'directory' | 'eligibility' | 'collections';

/** Everything the fake ports answer from; tests change it to make one fact differ. */
export interface FakeWorld {
  site: SiteInfo;
  updates: UpdatePackage[];
  attach: TenantAttachState;
  defender: DefenderConnectorStatus | 'not-configured';
  cloud: CloudEnvironment;
  globalAdministrators: Set<string>;
  /** Eligible for Global Administrator in PIM, not active. */
  eligibleGlobalAdministrators: Set<string>;
  /** False: the app lacks the permission to read eligibility (the port answers `not-permitted`). */
  eligibilityReadPermitted: boolean;
  synced: SyncedCollection[];
  cloudSync: Map<string, Tri>;
  gatewayFailures: Partial<Record<GatewayRead, GatewayError>>;
  thrown: Partial<Record<ThrowingRead, Error>>;
}

export const KB4563473_NAME = 'Configuration Manager 2002 Hotfix (KB4563473)';

export function hotfix(state: number, source: UpdatePackage['source'] = 'current'): UpdatePackage {
  return {
    name: KB4563473_NAME,
    packageGuid: 'e1f29d3b-0000-4000-8000-000000004563',
    state,
    installed: state === 196612,
    updateType: 'qfe',
    supersededBy: [],
    source,
  };
}

export function synced(collectionId: string, displayName: string): SyncedCollection {
  return { id: `intune-${collectionId}`, collectionId, displayName, hierarchy: { id: 'h1', name: 'PS1 - Contoso' } };
}

/** Current branch 2303, attached in the public cloud, two collections synced and enabled, Alex a Global Administrator. */
export function readyWorld(): FakeWorld {
  return {
    site: {
      siteCode: 'PS1',
      siteName: 'Contoso Primary',
      serverName: 'cm01.contoso.com',
      version: '5.00.9106.1000',
      buildNumber: 9106,
      siteType: 'primary',
      isTopLevel: true,
      branch: 'current',
    },
    updates: [],
    attach: {
      attached: true,
      tenantId: 'tenant-1',
      tenantName: 'Contoso',
      cloud: 'AzurePublicCloud',
      uploadScope: { kind: 'all' },
      evidence: ['SMS_AAD_Tenant_Ex row for Contoso'],
    },
    defender: { partnerState: 'enabled', lastHeartbeat: new Date(NOW.getTime() - 10 * 60_000), windowsEnabled: true },
    cloud: { cloud: 'AzurePublicCloud', cloudInstanceName: 'microsoftonline.com' },
    globalAdministrators: new Set([ALEX.aadObjectId]),
    eligibleGlobalAdministrators: new Set(),
    eligibilityReadPermitted: true,
    synced: [synced('PS100015', 'All Windows 10 Workstations'), synced('PS100042', 'Servers')],
    cloudSync: new Map([
      ['PS100015', true],
      ['PS100042', true],
    ]),
    gatewayFailures: {},
    thrown: {},
  };
}

function on2002(world: FakeWorld): FakeWorld {
  return { ...world, site: { ...world.site, version: '5.00.8968.1000', buildNumber: 8968 } };
}

/** The sandbox's scenarios (sandbox/scenarios/scenario-facts.ts), each on the ready world so it differs in one thing only. */
export const SCENARIO_WORLDS = {
  fresh: (): FakeWorld => {
    const world = readyWorld();
    return {
      ...world,
      attach: {
        attached: false,
        cloud: 'Unknown',
        uploadScope: { kind: 'unknown' },
        evidence: ['no SMS_AAD_Tenant_Ex row'],
      },
      synced: [],
      cloudSync: new Map(),
    };
  },
  'cb2002-no-hotfix': (): FakeWorld => ({ ...on2002(readyWorld()), updates: [hotfix(262146)] }),
  'cb2002-hotfix': (): FakeWorld => ({ ...on2002(readyWorld()), updates: [hotfix(196612, 'history')] }),
  'gov-cloud': (): FakeWorld => {
    const world = readyWorld();
    return {
      ...world,
      cloud: { cloud: 'AzureUSGovernmentCloud', cloudInstanceName: 'microsoftonline.us', tenantRegionScope: 'USGov' },
      attach: { ...world.attach, cloud: 'AzureUSGovernmentCloud' },
    };
  },
  'mde-off': (): FakeWorld => ({
    ...readyWorld(),
    defender: {
      partnerState: 'available',
      lastHeartbeat: new Date(NOW.getTime() - 30 * 86_400_000),
      windowsEnabled: false,
    },
  }),
  'not-admin': (): FakeWorld => ({ ...readyWorld(), globalAdministrators: new Set() }),
} as const;
