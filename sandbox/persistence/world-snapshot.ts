import { z } from 'zod';
import { isScenarioName, type ScenarioName } from '../constants.js';
import { World } from '../world/world.js';

/**
 * Everything in a World that changes after it is built: the simulated clock, tenant attach and Cloud Sync, the hotfix,
 * policies, and group membership. Everything else is derived from (scenario, seed), so a World rebuilt from those and
 * given this snapshot is the World that was saved.
 */
const updatePackageSchema = z.object({
  Name: z.string(),
  PackageGuid: z.string(),
  State: z.number().int(),
  UpdateType: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  FullVersion: z.string(),
  LastUpdateTime: z.string(),
  SupersededByNameList: z.array(z.string()),
  SupersedesNameList: z.array(z.string()),
});

const snapshotSchema = z.object({
  version: z.literal(1),
  scenario: z.string().refine(isScenarioName, 'unknown scenario'),
  seed: z.number().int(),
  clockOffsetSeconds: z.number().nonnegative(),
  cloud: z.object({
    attached: z.boolean(),
    coManagement: z.boolean(),
    uploadScope: z.string(),
    attachedAtMs: z.number(),
    scopeChangedAtMs: z.number(),
    flags: z.array(z.object({ collectionId: z.string(), enabled: z.boolean(), changedAtMs: z.number() })),
  }),
  hotfix: z.object({ state: z.number().int(), lastUpdateTime: z.string() }).nullable(),
  updateHistory: z.array(updatePackageSchema),
  policies: z.array(
    z.object({
      id: z.string(),
      properties: z.record(z.string(), z.unknown()),
      settings: z.array(z.record(z.string(), z.unknown())),
      assignments: z.array(z.object({ id: z.string(), target: z.record(z.string(), z.unknown()) })),
      targetAssignedAtMs: z.array(z.tuple([z.string(), z.number()])),
    }),
  ),
  groupMembers: z.array(z.object({ groupId: z.string(), memberIds: z.array(z.string()) })),
  /** Absent in worlds saved before PIM eligibility existed: the scenario's own then. */
  roleEligibilities: z
    .array(z.object({ principalId: z.string(), roleDefinitionId: z.string(), startDateTime: z.string() }))
    .optional(),
});

export type WorldSnapshot = z.infer<typeof snapshotSchema>;

export function snapshotWorld(world: World): WorldSnapshot {
  const hotfix = world.hierarchy.hotfix();
  return {
    version: 1,
    scenario: world.scenario,
    seed: world.seed,
    clockOffsetSeconds: world.clock.offsetSeconds(),
    cloud: world.cloud.snapshot(),
    hotfix: hotfix ? { state: hotfix.State, lastUpdateTime: hotfix.LastUpdateTime } : null,
    updateHistory: world.hierarchy.history.map((update) => ({ ...update })),
    policies: world.policies.list().map((policy) => ({
      id: policy.id,
      properties: policy.properties,
      settings: policy.settings,
      assignments: policy.assignments.map((assignment) => ({ id: assignment.id, target: assignment.target })),
      targetAssignedAtMs: [...policy.targetAssignedAtMs.entries()],
    })),
    groupMembers: world.directory.groups.map((group) => ({ groupId: group.id, memberIds: [...group.memberIds] })),
    roleEligibilities: world.directory.roleEligibilities.map(({ principalId, roleDefinitionId, startDateTime }) => ({
      principalId,
      roleDefinitionId,
      startDateTime,
    })),
  };
}

/** A snapshot read back from disk, or the reason it cannot be used. */
export function parseWorldSnapshot(
  raw: unknown,
): { ok: true; snapshot: WorldSnapshot } | { ok: false; reason: string } {
  const parsed = snapshotSchema.safeParse(raw);
  return parsed.success ? { ok: true, snapshot: parsed.data } : { ok: false, reason: z.prettifyError(parsed.error) };
}

/** The World `snapshot` was taken of, with the given sync delay (a start-up option, not tenant state). */
export function restoreWorld(snapshot: WorldSnapshot, syncDelaySeconds: number): World {
  const world = new World({ scenario: snapshot.scenario as ScenarioName, seed: snapshot.seed, syncDelaySeconds });
  world.clock.advance(snapshot.clockOffsetSeconds);
  world.cloud.restore(snapshot.cloud);
  const hotfix = world.hierarchy.hotfix();
  if (hotfix && snapshot.hotfix) {
    hotfix.State = snapshot.hotfix.state;
    hotfix.LastUpdateTime = snapshot.hotfix.lastUpdateTime;
  }
  world.hierarchy.history.push(...snapshot.updateHistory);
  for (const policy of snapshot.policies) {
    world.policies.put({
      id: policy.id,
      properties: policy.properties,
      settings: policy.settings,
      assignments: policy.assignments,
      targetAssignedAtMs: new Map(policy.targetAssignedAtMs),
    });
  }
  for (const { groupId, memberIds } of snapshot.groupMembers) {
    const group = world.directory.group(groupId);
    if (!group) continue;
    group.memberIds.clear();
    for (const id of memberIds) group.memberIds.add(id);
  }
  for (const { principalId, roleDefinitionId, startDateTime } of snapshot.roleEligibilities ?? [])
    world.directory.makeEligible(principalId, roleDefinitionId, startDateTime);
  return world;
}
