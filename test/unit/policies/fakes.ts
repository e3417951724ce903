import { fail, gatewayError, ok, type Result } from '../../../core/errors/gateway-error.js';
import type {
  CollectionSummary,
  ConfigMgrGateway,
  SiteInfo,
  UpdatePackage,
} from '../../../core/ports/configmgr-gateway.js';
import type { Directory, DirectoryGroup } from '../../../core/ports/directory.js';
import type {
  AssignmentFilter,
  EndpointSecurityPolicies,
  ScopeTag,
} from '../../../core/ports/endpoint-security-policies.js';
import type { IntuneCollections } from '../../../core/ports/intune-collections.js';
import type { AssignmentTarget } from '../../../core/policy/assignment-target.js';
import type { PolicyDetails } from '../../../core/policy/managed-policy.js';
import type { PolicyDraft, PolicyKind } from '../../../core/policy/policy-draft.js';
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
export const SITE_2002: SiteInfo = { ...SITE_2203, version: '5.00.8968.1000', buildNumber: 8968 };

export const HOTFIX_INSTALLED: UpdatePackage = {
  name: 'Configuration Manager 2002 Hotfix (KB4563473)',
  packageGuid: 'g-1',
  state: 196612,
  installed: true,
  updateType: 'qfe',
  supersededBy: [],
  source: 'history',
};

export interface StoredPolicy {
  id: string;
  name: string;
  description: string;
  kind: PolicyKind | undefined;
  managedByAttachOps: boolean;
  draft: PolicyDraft | undefined;
  unmodelledSettingIds: string[];
  assignments: AssignmentTarget[];
  writeRef?: string;
}

export function policyId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/** An in-memory tenant: Intune policies and scope tags, Azure AD groups, a ConfigMgr site and its synced collections. */
export class FakeTenant {
  readonly policies = new Map<string, StoredPolicy>();
  scopeTags: ScopeTag[] = [
    { id: '0', displayName: 'Default', isBuiltIn: true },
    { id: '7', displayName: 'Paris', isBuiltIn: false },
  ];
  assignmentFilters: AssignmentFilter[] = [
    { id: 'f1f1f1f1-0000-4000-8000-000000000001', displayName: 'Windows 11 devices', platform: 'windows10AndLater' },
    { id: 'f1f1f1f1-0000-4000-8000-000000000002', displayName: 'iOS corporate', platform: 'iOS' },
  ];
  groups: DirectoryGroup[] = [];
  site: SiteInfo = SITE_2203;
  updates: UpdatePackage[] = [];
  siteUnreachable = false;
  readonly collections = new Map<string, CollectionSummary>();
  readonly endpointSecurity = new Set<string>();
  synced: string[] = [];
  /** The next create stores the policy and then fails, as if the bot died before recording the answer. */
  crashAfterNextCreate = false;
  readonly calls: string[] = [];
  private nextId = 1;

  count(call: string): number {
    return this.calls.filter((made) => made === call).length;
  }

  addPolicy(policy: Partial<StoredPolicy> & Pick<StoredPolicy, 'name'>): StoredPolicy {
    const stored: StoredPolicy = {
      id: policyId(this.nextId++),
      description: '',
      kind: policy.draft?.kind,
      managedByAttachOps: false,
      draft: undefined,
      unmodelledSettingIds: [],
      assignments: [],
      ...policy,
    };
    this.policies.set(stored.id, stored);
    return stored;
  }

  addCollection(collection: CollectionSummary, state: { enabled?: boolean; synced?: boolean } = {}): void {
    this.collections.set(collection.id, collection);
    if (state.enabled ?? true) this.endpointSecurity.add(collection.id);
    if (state.synced ?? true) this.synced.push(collection.id);
  }

  services(): TenantServices {
    return {
      policies: this.policyPort(),
      directory: this.directory(),
      configMgr: this.gateway(),
      intuneCollections: this.intune(),
      defenderConnector: unused('defenderConnector'),
      cloudEnvironment: unused('cloudEnvironment'),
      complianceReports: unused('complianceReports'),
    };
  }

  private details(stored: StoredPolicy): PolicyDetails {
    return {
      id: stored.id,
      name: stored.name,
      description: stored.description,
      kind: stored.kind,
      managedByAttachOps: stored.managedByAttachOps,
      ...(stored.writeRef === undefined ? {} : { writeRef: stored.writeRef }),
      isAssigned: stored.assignments.length > 0,
      draft: stored.draft,
      unmodelledSettingIds: [...stored.unmodelledSettingIds],
      onboardingFromConnector: stored.kind === 'intune-edr',
      assignments: [...stored.assignments],
    };
  }

  private policyPort(): EndpointSecurityPolicies {
    return {
      list: async (filter = {}) => {
        this.calls.push('policies.list');
        const needle = filter.nameContains?.toLowerCase();
        return [...this.policies.values()]
          .filter((policy) => needle === undefined || policy.name.toLowerCase().includes(needle))
          .filter((policy) => !filter.managedOnly || policy.managedByAttachOps)
          .map((policy) => this.details(policy));
      },
      get: async (id) => {
        this.calls.push('policies.get');
        const stored = this.policies.get(id);
        return stored ? this.details(stored) : undefined;
      },
      create: async (draft, write) => {
        this.calls.push('policies.create');
        await write?.beforeSend();
        const stored = this.addPolicy({
          name: draft.name,
          description: draft.description,
          draft,
          managedByAttachOps: true,
          ...(write === undefined ? {} : { writeRef: write.ref }),
        });
        if (this.crashAfterNextCreate) {
          this.crashAfterNextCreate = false;
          throw new Error('connection reset after the policy was created');
        }
        return { id: stored.id };
      },
      replace: async (id, draft) => {
        this.calls.push('policies.replace');
        const stored = this.policies.get(id);
        if (!stored) throw new Error(`no policy ${id}`);
        Object.assign(stored, { name: draft.name, description: draft.description, draft, unmodelledSettingIds: [] });
      },
      rename: async (id, name, write) => {
        this.calls.push('policies.rename');
        await write?.beforeSend();
        const stored = this.policies.get(id);
        if (!stored) throw new Error(`no policy ${id}`);
        stored.name = name;
      },
      delete: async (id) => this.policies.delete(id),
      getAssignments: async (id) => {
        this.calls.push('policies.getAssignments');
        return [...(this.policies.get(id)?.assignments ?? [])];
      },
      assign: async (id, targets) => {
        this.calls.push('policies.assign');
        const stored = this.policies.get(id);
        if (!stored) throw new Error(`no policy ${id}`);
        stored.assignments = [...targets];
        return [...targets];
      },
      listScopeTags: async () => {
        this.calls.push('policies.listScopeTags');
        return [...this.scopeTags];
      },
      listAssignmentFilters: async () => {
        this.calls.push('policies.listAssignmentFilters');
        return [...this.assignmentFilters];
      },
    };
  }

  private directory(): Directory {
    return {
      isGlobalAdministrator: async () => false,
      globalAdministratorEligibility: async () => 'not-eligible',
      getUser: async () => undefined,
      transitiveGroupIds: async () => [],
      findGroups: async (nameOrId) => {
        this.calls.push('directory.findGroups');
        return this.groups.filter((group) => group.id === nameOrId || group.displayName === nameOrId);
      },
    };
  }

  private gateway(): ConfigMgrGateway {
    const manual = async <T>(): Promise<Result<T>> => fail(gatewayError('ManualStepRequired', 'console only'));
    const reachable = <T>(value: () => Result<T>): Promise<Result<T>> =>
      Promise.resolve(
        this.siteUnreachable
          ? fail(gatewayError('ProviderUnreachable', 'no route to cm01', { retryable: true }))
          : value(),
      );
    const collection = (id: string): Result<CollectionSummary> => {
      const found = this.collections.get(id.toUpperCase());
      return found ? ok(found) : fail(gatewayError('CollectionNotFound', `collection ${id} does not exist`));
    };
    return {
      getSiteInfo: () => reachable(() => ok(this.site)),
      listUpdatePackages: () => reachable(() => ok(this.updates)),
      getTenantAttachState: () =>
        reachable(() => ok({ attached: true, cloud: 'AzurePublicCloud', uploadScope: { kind: 'all' }, evidence: [] })),
      configureTenantAttach: manual,
      setUploadScope: manual,
      listCollections: (query) =>
        reachable(() =>
          ok({
            items: [...this.collections.values()].filter((row) =>
              row.name.toLowerCase().startsWith(query.nameStartsWith?.toLowerCase() ?? ''),
            ),
          }),
        ),
      countCollections: (query) =>
        reachable(() =>
          ok(
            [...this.collections.values()].filter((row) =>
              row.name.toLowerCase().startsWith(query.nameStartsWith?.toLowerCase() ?? ''),
            ).length,
          ),
        ),
      getCollection: (id) => reachable(() => collection(id)),
      listCollectionMembers: () => reachable(() => ok({ items: [] })),
      getCollectionCloudSync: (id) =>
        reachable(() => {
          const found = collection(id);
          return found.ok
            ? ok({
                collectionId: found.value.id,
                endpointSecurityEnabled: this.endpointSecurity.has(found.value.id),
                aadGroups: [],
              })
            : found;
        }),
      listCollectionCloudSync: (ids) =>
        reachable(() => {
          const states = [];
          for (const id of ids) {
            const found = collection(id);
            if (!found.ok) return found;
            states.push({
              collectionId: found.value.id,
              endpointSecurityEnabled: this.endpointSecurity.has(found.value.id),
              aadGroups: [],
            });
          }
          return ok(states);
        }),
      setCollectionEndpointSecurity: manual,
    };
  }

  private intune(): IntuneCollections {
    return {
      listSyncedCollections: async () => ({
        items: this.synced.map((id) => ({
          id: `intune-${id}`,
          collectionId: id,
          displayName: this.collections.get(id)?.name ?? id,
          hierarchy: {},
        })),
      }),
      findSyncedCollections: async (ids) =>
        this.synced
          .filter((id) => ids.some((wanted) => wanted.toUpperCase() === id.toUpperCase()))
          .map((id) => ({
            id: `intune-${id}`,
            collectionId: id,
            displayName: this.collections.get(id)?.name ?? id,
            hierarchy: {},
          })),
      getPolicySummaries: async () => [],
    };
  }
}

export function deviceCollection(id: string, name: string, memberCount = 10): CollectionSummary {
  return { id, name, type: 'device', memberCount };
}

/** A port these tests must never touch: any call fails the test. */
function unused<T extends object>(name: string): T {
  return new Proxy(
    {},
    { get: (_target, property) => () => Promise.reject(new Error(`${name}.${String(property)} must not be called`)) },
  ) as T;
}
