import { fail, gatewayError, ok, type GatewayErrorCode, type Result } from '../../../core/errors/gateway-error.js';
import type { CloudEnv, CloudEnvironmentProbe } from '../../../core/ports/cloud-environment.js';
import type { ComplianceReports } from '../../../core/ports/compliance-reports.js';
import type {
  CloudSyncState,
  CollectionSummary,
  ConfigMgrGateway,
  Page,
  SiteInfo,
  TenantAttachState,
  Tri,
  UploadScope,
} from '../../../core/ports/configmgr-gateway.js';
import type { DefenderConnector } from '../../../core/ports/defender-connector.js';
import type { Directory } from '../../../core/ports/directory.js';
import type { EndpointSecurityPolicies } from '../../../core/ports/endpoint-security-policies.js';
import type { IntuneCollections, SyncedCollection } from '../../../core/ports/intune-collections.js';
import type { TenantServices } from '../../../core/tenant-services.js';

export const SITE_2203: SiteInfo = {
  siteCode: 'PS1',
  siteName: 'Contoso HQ',
  serverName: 'cm01.contoso.com',
  version: '5.00.9078.1000',
  buildNumber: 9078,
  siteType: 'primary',
  isTopLevel: true,
  branch: 'current',
};

export function device(id: string, name: string, extra: Partial<CollectionSummary> = {}): CollectionSummary {
  return { id, name, type: 'device', memberCount: 10, limitToCollectionId: 'SMS00001', ...extra };
}

/** A ConfigMgr hierarchy and its Intune mirror, changed by the test the way a console admin would. */
export class FakeWorld {
  site: SiteInfo = SITE_2203;
  attached: Tri = false;
  gatewayCloud: CloudEnv = 'AzurePublicCloud';
  tenantCloud: CloudEnv = 'AzurePublicCloud';
  uploadScope: UploadScope = { kind: 'all' };
  readonly collections = new Map<string, CollectionSummary>();
  readonly endpointSecurity = new Set<string>();
  /** Collection ids Intune lists, in order. */
  synced: string[] = [];
  readonly globalAdmins = new Set<string>(['alex']);
  /** Eligible for Global Administrator in PIM, not active. */
  readonly eligibleAdmins = new Set<string>();
  /** Gateway methods that answer with this error code. */
  readonly failing = new Map<keyof ConfigMgrGateway, GatewayErrorCode>();
  intuneFails = false;
  readonly calls: string[] = [];
  /** Gateway methods whose answer waits for this promise (to see what else starts meanwhile). */
  readonly held = new Map<keyof ConfigMgrGateway, Promise<void>>();
  private readonly callWaiters: { readonly method: string; readonly reached: () => void }[] = [];

  constructor(collections: readonly CollectionSummary[] = []) {
    for (const collection of collections) this.collections.set(collection.id, collection);
  }

  /** What the console admin does: tick the Cloud Sync option; Intune lists it after the upload. */
  enableInConsole(collectionId: string, { synced = true } = {}): void {
    this.endpointSecurity.add(collectionId);
    if (synced && !this.synced.includes(collectionId)) this.synced.push(collectionId);
  }

  count(method: string): number {
    return this.calls.filter((call) => call === method).length;
  }

  /** Resolves when `method` (as in `calls`, e.g. `configMgr.listCollections`) is first called, or at once if it was. */
  called(method: string): Promise<void> {
    if (this.calls.includes(method)) return Promise.resolve();
    return new Promise((reached) => this.callWaiters.push({ method, reached }));
  }

  private record(call: string): void {
    this.calls.push(call);
    for (const waiter of this.callWaiters.filter((candidate) => candidate.method === call)) waiter.reached();
  }

  services(): TenantServices {
    return {
      configMgr: this.gateway(),
      intuneCollections: this.intune(),
      directory: this.directory(),
      cloudEnvironment: this.cloudProbe(),
      defenderConnector: unused<DefenderConnector>('defenderConnector'),
      policies: unused<EndpointSecurityPolicies>('policies'),
      complianceReports: unused<ComplianceReports>('complianceReports'),
    };
  }

  private async answer<T>(method: keyof ConfigMgrGateway, value: () => Result<T>): Promise<Result<T>> {
    this.record(`configMgr.${method}`);
    await this.held.get(method);
    const code = this.failing.get(method);
    return code
      ? fail(gatewayError(code, `${method} failed (${code})`, { retryable: code === 'ProviderUnreachable' }))
      : value();
  }

  private gateway(): ConfigMgrGateway {
    const manual = <T>(): Result<T> => fail(gatewayError('ManualStepRequired', 'console only'));
    return {
      getSiteInfo: () => this.answer('getSiteInfo', () => ok(this.site)),
      listUpdatePackages: () => this.answer('listUpdatePackages', () => ok([])),
      getTenantAttachState: () => this.answer('getTenantAttachState', () => ok(this.attachState())),
      configureTenantAttach: () => this.answer('configureTenantAttach', manual<TenantAttachState>),
      setUploadScope: () => this.answer('setUploadScope', manual<UploadScope>),
      listCollections: (query) =>
        this.answer('listCollections', () => {
          if (query.ids !== undefined) {
            const wanted = new Set(query.ids.map((id) => id.toUpperCase()));
            return ok({ items: [...this.collections.values()].filter((row) => wanted.has(row.id.toUpperCase())) });
          }
          const prefix = query.nameStartsWith?.toLowerCase() ?? '';
          const rows = [...this.collections.values()]
            .filter(
              (row) =>
                (query.type === undefined || row.type === query.type) && row.name.toLowerCase().startsWith(prefix),
            )
            .sort((left, right) => left.name.localeCompare(right.name) || left.id.localeCompare(right.id));
          return ok(pageOf(rows, query.top ?? 100, query.skip ?? 0));
        }),
      countCollections: (query) =>
        this.answer('countCollections', () => {
          const prefix = query.nameStartsWith?.toLowerCase() ?? '';
          return ok(
            [...this.collections.values()].filter(
              (row) =>
                (query.type === undefined || row.type === query.type) && row.name.toLowerCase().startsWith(prefix),
            ).length,
          );
        }),
      getCollection: (id) => this.answer('getCollection', () => this.collection(id)),
      listCollectionMembers: () => this.answer('listCollectionMembers', () => ok({ items: [] })),
      getCollectionCloudSync: (id) =>
        this.answer('getCollectionCloudSync', (): Result<CloudSyncState> => {
          const found = this.collection(id);
          return found.ok
            ? ok({
                collectionId: found.value.id,
                endpointSecurityEnabled: this.endpointSecurity.has(found.value.id),
                aadGroups: [],
              })
            : found;
        }),
      listCollectionCloudSync: (ids) =>
        this.answer('listCollectionCloudSync', (): Result<CloudSyncState[]> => {
          const states: CloudSyncState[] = [];
          for (const id of ids) {
            const found = this.collection(id);
            if (!found.ok) return found;
            states.push({
              collectionId: found.value.id,
              endpointSecurityEnabled: this.endpointSecurity.has(found.value.id),
              aadGroups: [],
            });
          }
          return ok(states);
        }),
      setCollectionEndpointSecurity: () => this.answer('setCollectionEndpointSecurity', manual<CloudSyncState>),
    };
  }

  private attachState(): TenantAttachState {
    return this.attached === false
      ? { attached: false, cloud: 'Unknown', uploadScope: { kind: 'unknown' }, evidence: [] }
      : {
          attached: this.attached,
          tenantId: 'tenant-1',
          tenantName: 'contoso',
          cloud: this.gatewayCloud,
          uploadScope: this.uploadScope,
          evidence: ['fake'],
        };
  }

  private collection(id: string): Result<CollectionSummary> {
    const found = this.collections.get(id.toUpperCase());
    return found ? ok(found) : fail(gatewayError('CollectionNotFound', `collection ${id} does not exist`));
  }

  private intune(): IntuneCollections {
    return {
      listSyncedCollections: async (page) => {
        this.record('intune.listSyncedCollections');
        if (this.intuneFails) throw new Error('graph down');
        const offset = Number(page?.cursor ?? '0');
        const size = Math.min(page?.pageSize ?? 100, 100);
        const items = this.synced.slice(offset, offset + size).map((id) => this.syncedRow(id));
        return offset + size < this.synced.length ? { items, cursor: String(offset + size) } : { items };
      },
      findSyncedCollections: async (ids) => {
        this.record('intune.findSyncedCollections');
        if (this.intuneFails) throw new Error('graph down');
        const wanted = new Set(ids.map((id) => id.toUpperCase()));
        return this.synced.filter((id) => wanted.has(id.toUpperCase())).map((id) => this.syncedRow(id));
      },
      getPolicySummaries: async () => [],
    };
  }

  private syncedRow(collectionId: string): SyncedCollection {
    return {
      id: `intune-${collectionId.toLowerCase()}`,
      collectionId,
      displayName: this.collections.get(collectionId)?.name ?? collectionId,
      hierarchy: { name: 'PS1' },
    };
  }

  private directory(): Directory {
    return {
      isGlobalAdministrator: async (userId) => {
        this.record('directory.isGlobalAdministrator');
        return this.globalAdmins.has(userId);
      },
      globalAdministratorEligibility: async (userId) => {
        this.record('directory.globalAdministratorEligibility');
        return this.eligibleAdmins.has(userId) ? 'eligible' : 'not-eligible';
      },
      getUser: async () => undefined,
      transitiveGroupIds: async () => [],
      findGroups: async () => [],
    };
  }

  private cloudProbe(): CloudEnvironmentProbe {
    return {
      getCloudEnvironment: async () => {
        this.record('cloudEnvironment.getCloudEnvironment');
        return {
          cloud: this.tenantCloud,
          cloudInstanceName: this.tenantCloud === 'AzurePublicCloud' ? 'microsoftonline.com' : 'microsoftonline.us',
        };
      },
    };
  }
}

function pageOf<T>(rows: readonly T[], top: number, skip: number): Page<T> {
  const items = rows.slice(skip, skip + top);
  return skip + top < rows.length ? { items, next: { skip: skip + top, top } } : { items };
}

/** A port the workflow must never touch: any call fails the test. */
function unused<T extends object>(name: string): T {
  return new Proxy(
    {},
    { get: (_target, property) => () => Promise.reject(new Error(`${name}.${String(property)} must not be called`)) },
  ) as T;
}

/** `count` device collections named "Collection 00000"…, with ids PS1xxxxx (hex). */
export function manyCollections(
  count: number,
  nameOf: (index: number) => string = (index) => `Collection ${String(index).padStart(5, '0')}`,
): CollectionSummary[] {
  return Array.from({ length: count }, (_, index) =>
    device(`PS1${(0x100 + index).toString(16).toUpperCase().padStart(5, '0')}`, nameOf(index)),
  );
}
