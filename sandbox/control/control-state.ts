import type { SandboxState } from '../state/sandbox-state.js';

/** `GET /_sandbox/state`: a summary, not the whole world. */
export function controlState(state: SandboxState): Record<string, unknown> {
  const w = state.world;
  return {
    scenario: w.scenario,
    seed: w.seed,
    now: w.clock.nowIso(),
    syncDelaySeconds: state.syncDelaySeconds,
    adminServicePageLimit: state.adminServicePageLimit,
    site: { buildNumber: w.hierarchy.site.BuildNumber, version: w.hierarchy.site.Version },
    hotfix: w.hierarchy.hotfix()?.State ?? null,
    tenantAttach: {
      attached: w.cloud.attached,
      uploadScope: w.cloud.attached ? w.cloud.uploadScope : null,
      coManagement: w.cloud.coManagement,
    },
    endpointSecurityCollections: w.cloud.enabledCollectionIds(),
    graphVisibleCollections: w.cloud.visibleInGraph(w.clock.nowMs()).map((v) => v.collection.id),
    collections: w.hierarchy.collectionCount(),
    devices: w.hierarchy.deviceCount,
    policies: w.policies.list().map((p) => ({ id: p.id, name: p.properties.name, assignments: p.assignments.length })),
    faults: state.faults.list().length,
  };
}
