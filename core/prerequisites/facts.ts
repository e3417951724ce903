import type { CloudEnvironment } from '../ports/cloud-environment.js';
import type { CloudSyncState, SiteInfo, TenantAttachState, UpdatePackage } from '../ports/configmgr-gateway.js';
import type { DefenderConnectorStatus } from '../ports/defender-connector.js';
import type { RoleEligibility } from '../ports/directory.js';
import type { IntuneAccessPolicy } from '../ports/intune-approvals.js';
import type { SyncedCollection } from '../ports/intune-collections.js';
import type { ReadFailure } from './read-failure.js';

/** One read of one port: its value, why it failed, or why it was not attempted. */
export type Fact<T> =
  | { readonly status: 'read'; readonly value: T }
  | { readonly status: 'failed'; readonly failure: ReadFailure }
  | { readonly status: 'skipped'; readonly reason: string };

export interface Requester {
  /** `from.aadObjectId` of the activity; never taken from the message text. */
  readonly aadObjectId?: string;
  readonly name: string;
}

export interface SyncedCollections {
  readonly items: readonly SyncedCollection[];
  /** More rows exist than were read. */
  readonly truncated: boolean;
}

export interface CollectionCloudSync {
  readonly collectionId: string;
  readonly cloudSync: Fact<CloudSyncState>;
}

/**
 * The requester's Global Administrator role: active (directly or through a group), or not active and what Privileged
 * Identity Management says about eligibility (read only then: graph-intune.md §12.1).
 */
export type GlobalAdministratorRole =
  { readonly active: true } | { readonly active: false; readonly eligibility: Fact<RoleEligibility> };

/** Everything the prerequisite rules judge, read once and concurrently. */
export interface PrerequisiteFacts {
  readonly now: Date;
  readonly requester: Requester;
  /** Collections the user named; empty means "the ones in the upload scope and synced". */
  readonly targetCollectionIds: readonly string[];
  readonly site: Fact<SiteInfo>;
  readonly updates: Fact<readonly UpdatePackage[]>;
  readonly tenantAttach: Fact<TenantAttachState>;
  readonly defender: Fact<DefenderConnectorStatus | 'not-configured'>;
  readonly cloud: Fact<CloudEnvironment>;
  readonly globalAdministrator: Fact<GlobalAdministratorRole>;
  readonly syncedCollections: Fact<SyncedCollections>;
  /** Cloud Sync state of each collection the collection rules look at; skipped until tenant attach. */
  readonly cloudSync: Fact<readonly CollectionCloudSync[]>;
  /** Intune Multi Admin Approval access policies; absent when the tenant has no such port. */
  readonly accessPolicies?: Fact<readonly IntuneAccessPolicy[]>;
}

export function readFact<T>(value: T): Fact<T> {
  return { status: 'read', value };
}

export function failedFact<T>(failure: ReadFailure): Fact<T> {
  return { status: 'failed', failure };
}

export function skippedFact<T>(reason: string): Fact<T> {
  return { status: 'skipped', reason };
}
