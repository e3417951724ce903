import type { CmCollection } from './collections.js';
import type { Hierarchy } from './hierarchy.js';

export type UploadScope = 'all' | string;

export type CloudSyncRefusal =
  'NotTenantAttached' | 'CollectionOutOfUploadScope' | 'NotDeviceCollection' | 'CollectionNotFound';

export interface CloudAttachSnapshot {
  readonly attached: boolean;
  readonly coManagement: boolean;
  readonly uploadScope: UploadScope;
  readonly attachedAtMs: number;
  readonly scopeChangedAtMs: number;
  readonly flags: Array<{ collectionId: string; enabled: boolean; changedAtMs: number }>;
}

interface EsFlag {
  readonly enabled: boolean;
  readonly changedAtMs: number;
}

/**
 * Tenant attach, upload scope and the per-collection Cloud Sync "endpoint security" flag. These change only through
 * the console actions of the control API (configmgr-adminservice.md §3-§5: the real surface is console-only).
 *
 * Sandbox choice (graph-intune.md §3 and configmgr-adminservice.md §7 leave it open whether Graph lists every synced
 * collection or only the ES-enabled ones): `configManagerCollections` shows a collection only while the hierarchy is
 * attached, the collection is in the upload scope and ES-enabled, and all three have held for `syncDelaySeconds`
 * simulated seconds (the upload cycle of §9 "Sync latency after change"). Removal is immediate.
 */
export class CloudAttach {
  attached = false;
  coManagement = false;
  uploadScope: UploadScope = 'all';
  private attachedAtMs = 0;
  private scopeChangedAtMs = 0;
  private readonly flags = new Map<string, EsFlag>();

  constructor(
    private readonly hierarchy: Hierarchy,
    private readonly syncDelayMs: number,
  ) {}

  attach(scope: UploadScope, coManagement: boolean, nowMs: number): void {
    this.attached = true;
    this.coManagement = coManagement;
    this.attachedAtMs = nowMs;
    this.setUploadScope(scope, nowMs);
  }

  setUploadScope(scope: UploadScope, nowMs: number): void {
    this.uploadScope = scope === 'all' ? 'all' : scope.toUpperCase();
    this.scopeChangedAtMs = nowMs;
  }

  inUploadScope(collection: CmCollection): boolean {
    if (this.uploadScope === 'all') return true;
    return collection.id === this.uploadScope || collection.limitToCollectionId === this.uploadScope;
  }

  setEndpointSecurity(collectionId: string, enabled: boolean, nowMs: number): CloudSyncRefusal | undefined {
    const collection = this.hierarchy.collection(collectionId);
    if (!collection) return 'CollectionNotFound';
    if (collection.collectionType !== 2) return 'NotDeviceCollection';
    if (enabled && !this.attached) return 'NotTenantAttached';
    if (enabled && !this.inUploadScope(collection)) return 'CollectionOutOfUploadScope';
    this.flags.set(collection.id, { enabled, changedAtMs: nowMs });
    return undefined;
  }

  endpointSecurityEnabled(collectionId: string): boolean {
    return this.flags.get(collectionId.toUpperCase())?.enabled ?? false;
  }

  enabledCollectionIds(): string[] {
    return [...this.flags.entries()].filter(([, flag]) => flag.enabled).map(([id]) => id);
  }

  /** The collections Graph shows now, with the simulated time they became visible. */
  visibleInGraph(nowMs: number): Array<{ collection: CmCollection; visibleSinceMs: number }> {
    if (!this.attached) return [];
    const result: Array<{ collection: CmCollection; visibleSinceMs: number }> = [];
    for (const [id, flag] of this.flags) {
      const collection = this.hierarchy.collection(id);
      if (!flag.enabled || !collection || !this.inUploadScope(collection)) continue;
      const visibleSinceMs = Math.max(flag.changedAtMs, this.attachedAtMs, this.scopeChangedAtMs) + this.syncDelayMs;
      if (nowMs >= visibleSinceMs) result.push({ collection, visibleSinceMs });
    }
    return result.sort((a, b) => a.collection.id.localeCompare(b.collection.id));
  }

  snapshot(): CloudAttachSnapshot {
    return {
      attached: this.attached,
      coManagement: this.coManagement,
      uploadScope: this.uploadScope,
      attachedAtMs: this.attachedAtMs,
      scopeChangedAtMs: this.scopeChangedAtMs,
      flags: [...this.flags.entries()].map(([collectionId, flag]) => ({ collectionId, ...flag })),
    };
  }

  restore(saved: CloudAttachSnapshot): void {
    this.attached = saved.attached;
    this.coManagement = saved.coManagement;
    this.uploadScope = saved.uploadScope;
    this.attachedAtMs = saved.attachedAtMs;
    this.scopeChangedAtMs = saved.scopeChangedAtMs;
    this.flags.clear();
    for (const { collectionId, enabled, changedAtMs } of saved.flags)
      this.flags.set(collectionId, { enabled, changedAtMs });
  }

  /** Scenario set-up: state that has already been synced for a long time. */
  preset(enabledIds: readonly string[], nowMs: number, coManagement = true): void {
    const longAgo = nowMs - this.syncDelayMs - 86_400_000;
    this.attach('all', coManagement, longAgo);
    for (const id of enabledIds) this.flags.set(id, { enabled: true, changedAtMs: longAgo });
  }
}
