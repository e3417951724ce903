import type { GatewayError, GatewayErrorCode, Result } from '../errors/gateway-error.js';
import type { CloudEnv } from './cloud-environment.js';

export type { CloudEnv, GatewayError, GatewayErrorCode, Result };
export type Tri = true | false | 'unknown';

/** The port of configmgr-adminservice.md §8. Facts only: readiness rules (version, hotfix) live in core. */
export interface SiteInfo {
  readonly siteCode: string;
  readonly siteName: string;
  readonly serverName: string;
  /** SMS_Site.Version, e.g. "5.00.8968.1000". */
  readonly version: string;
  /** SMS_Site.BuildNumber, e.g. 8968. */
  readonly buildNumber: number;
  readonly siteType: 'cas' | 'primary' | 'secondary';
  readonly isTopLevel: boolean;
  readonly branch: 'current' | 'technicalPreview' | 'unknown';
}

export interface UpdatePackage {
  readonly name: string;
  readonly packageGuid: string;
  /** Raw SMS_CM_UpdatePackages.State. */
  readonly state: number;
  /** state === 196612 (INSTALL_SUCCESS). */
  readonly installed: boolean;
  readonly updateType: 'regular' | 'weave' | 'qfe' | 'unknown';
  readonly supersededBy: readonly string[];
  readonly source: 'current' | 'history';
}

export type UploadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'collection'; readonly collectionId: string }
  | { readonly kind: 'unknown' };

export interface TenantAttachState {
  readonly attached: Tri;
  readonly tenantId?: string;
  readonly tenantName?: string;
  readonly cloud: CloudEnv;
  readonly uploadScope: UploadScope;
  /**
   * Whether every ConfigMgr client is also co-managed: `false` when at least one client is not; read only once
   * attached (adapters/adminservice/tenant-attach-inference.ts names how). Absent: not read.
   */
  readonly allClientsCoManaged?: Tri;
  /** Why the gateway believes what it reports, e.g. "SMS_AAD_Tenant_Ex row for <tenant>". */
  readonly evidence: readonly string[];
}

export interface CollectionSummary {
  readonly id: string;
  readonly name: string;
  readonly type: 'device' | 'user' | 'other';
  readonly memberCount: number;
  readonly localMemberCount?: number;
  readonly limitToCollectionId?: string;
  readonly lastRefresh?: string;
}

export interface CollectionMember {
  readonly resourceId: number;
  readonly name: string;
  readonly isClient: boolean;
  readonly siteCode?: string;
}

export interface CloudSyncState {
  readonly collectionId: string;
  readonly endpointSecurityEnabled: Tri;
  readonly aadGroups: readonly { readonly id: string; readonly name: string }[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: { readonly skip: number; readonly top: number };
}

export interface CollectionQuery {
  /** Just these collections, read together (no paging: every one found is returned). */
  readonly ids?: readonly string[];
  readonly type?: 'device' | 'user';
  readonly nameStartsWith?: string;
  readonly top?: number;
  readonly skip?: number;
}

export interface ConfigureTenantAttachRequest {
  readonly cloud: CloudEnv;
  readonly uploadScope: UploadScope;
  readonly importApp?: { readonly clientId: string; readonly tenantId: string };
}

/** Every method resolves to a Result; writes only the console can do resolve to ManualStepRequired with a checklist. */
export interface ConfigMgrGateway {
  getSiteInfo(): Promise<Result<SiteInfo>>;
  /** Current and history packages together. */
  listUpdatePackages(): Promise<Result<readonly UpdatePackage[]>>;
  getTenantAttachState(): Promise<Result<TenantAttachState>>;
  configureTenantAttach(request: ConfigureTenantAttachRequest): Promise<Result<TenantAttachState>>;
  setUploadScope(scope: UploadScope): Promise<Result<UploadScope>>;
  listCollections(query: CollectionQuery): Promise<Result<Page<CollectionSummary>>>;
  /** How many collections match (ids only are read, page by page), for "page x of y". */
  countCollections(query: Pick<CollectionQuery, 'type' | 'nameStartsWith'>): Promise<Result<number>>;
  getCollection(collectionId: string): Promise<Result<CollectionSummary>>;
  listCollectionMembers(
    collectionId: string,
    page?: { readonly top: number; readonly skip: number },
  ): Promise<Result<Page<CollectionMember>>>;
  getCollectionCloudSync(collectionId: string): Promise<Result<CloudSyncState>>;
  /** The Cloud Sync settings of many collections, in the order asked, read together (never one request per row). */
  listCollectionCloudSync(collectionIds: readonly string[]): Promise<Result<readonly CloudSyncState[]>>;
  setCollectionEndpointSecurity(
    collectionId: string,
    enabled: boolean,
    options?: { readonly addAadGroups?: readonly string[]; readonly tenantId?: string },
  ): Promise<Result<CloudSyncState>>;
}

/** The checklist a ManualStepRequired error carries in `details`. */
export interface ManualStep {
  readonly title: string;
  readonly steps: readonly string[];
  readonly verifyWith: string;
}
