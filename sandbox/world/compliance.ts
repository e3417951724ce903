import type { ComplianceOutcome } from './compliance-outcomes.js';
import { type CmCollection, memberIndices } from './collections.js';
import { deviceAt } from './devices.js';
import type { JsonObject, StoredPolicy } from './policy-store.js';
import { targetKey } from './policy-store.js';
import { intHash, stableGuid, unitHash } from './rng.js';
import type { World } from './world.js';

export type DeviceComplianceState = 'pending' | 'compliant' | 'nonCompliant' | 'failed';

export interface DeviceCompliance {
  readonly cmIndex: number;
  readonly state: DeviceComplianceState;
  readonly sinceMs: number;
  readonly changedAtMs: number;
}

export interface ComplianceSummary {
  targetedDeviceCount: number;
  compliantDeviceCount: number;
  nonCompliantDeviceCount: number;
  failedDeviceCount: number;
  pendingDeviceCount: number;
  enforcedDeviceCount: number;
}

const MIN_REPORT_DELAY_SECONDS = 60;
const REPORT_DELAY_SPREAD_SECONDS = 1740;

function typeOf(target: JsonObject): string {
  return String(target['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '');
}

/** Devices (by ConfigMgr index) a policy targets, each with the simulated time its first covering target was assigned. */
export function targetedDevices(world: World, policy: StoredPolicy): Map<number, number> {
  const targeted = new Map<number, number>();
  const excluded = new Set<number>();
  const add = (index: number, at: number): void => {
    const previous = targeted.get(index);
    if (previous === undefined || at < previous) targeted.set(index, at);
  };
  for (const assignment of policy.assignments) {
    const target = assignment.target;
    const at = policy.targetAssignedAtMs.get(targetKey(target)) ?? world.clock.nowMs();
    const type = typeOf(target);
    if (type === 'groupAssignmentTarget') {
      for (const d of world.directory.transitiveDevicesOf(String(target.groupId))) add(d.cmIndex, at);
    } else if (type === 'exclusionGroupAssignmentTarget') {
      for (const d of world.directory.transitiveDevicesOf(String(target.groupId))) excluded.add(d.cmIndex);
    } else if (type === 'allDevicesAssignmentTarget') {
      for (const d of world.directory.devices) add(d.cmIndex, at);
    } else if (type === 'configurationManagerCollectionAssignmentTarget') {
      const collection = resolveCollection(world, String(target.collectionId));
      if (collection) for (const index of memberIndices(collection)) add(index, at);
    }
  }
  for (const index of excluded) targeted.delete(index);
  return targeted;
}

/**
 * The collection an assignment's `collectionId` names. graph-intune.md §5 / §10.1: it is UNCERTAIN whether the service
 * expects `configManagerCollection.id` or `collectionIdentifier` (e.g. PS100042); the sandbox accepts both.
 */
export function resolveCollection(world: World, collectionId: string): CmCollection | undefined {
  const visible = world.cloud.visibleInGraph(world.clock.nowMs());
  const byGraphId = visible.find((v) => graphCollectionId(v.collection.id) === collectionId.toLowerCase());
  return byGraphId?.collection ?? world.hierarchy.collection(collectionId);
}

export function graphCollectionId(collectionIdentifier: string): string {
  return stableGuid('config-manager-collection', collectionIdentifier.toUpperCase());
}

/**
 * Deterministic from (seed, policyId, device): pending for 1-30 simulated minutes, then a fixed outcome. A device with
 * an outcome set through the control API (compliance-outcomes.ts) reports after its delay as that outcome's fractions
 * say (exactly, by the device's place among the devices it was set for), or never (stays pending) for the share no
 * fraction covers.
 */
export function deviceState(world: World, policyId: string, cmIndex: number, sinceMs: number): DeviceCompliance {
  const set = world.complianceOutcomes.of(cmIndex);
  const delaySeconds =
    set?.outcome.reportDelaySeconds ??
    MIN_REPORT_DELAY_SECONDS + intHash(REPORT_DELAY_SPREAD_SECONDS, world.seed, policyId, cmIndex, 'delay');
  const changedAtMs = sinceMs + delaySeconds * 1000;
  if (world.clock.nowMs() < changedAtMs) return { cmIndex, state: 'pending', sinceMs, changedAtMs: sinceMs };
  const roll = unitHash(world.seed, policyId, cmIndex, 'outcome');
  const state = set
    ? outcomeState(set.outcome, set.share)
    : roll < 0.8
      ? 'compliant'
      : roll < 0.92
        ? 'nonCompliant'
        : 'failed';
  return { cmIndex, state, sinceMs, changedAtMs: state === 'pending' ? sinceMs : changedAtMs };
}

function outcomeState(outcome: ComplianceOutcome, roll: number): DeviceComplianceState {
  if (roll < outcome.compliant) return 'compliant';
  if (roll < outcome.compliant + outcome.nonCompliant) return 'nonCompliant';
  if (roll < outcome.compliant + outcome.nonCompliant + outcome.failed) return 'failed';
  return 'pending';
}

export function policyDeviceStates(world: World, policy: StoredPolicy): DeviceCompliance[] {
  return [...targetedDevices(world, policy).entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, since]) => deviceState(world, policy.id, index, since));
}

/** `enforcedDeviceCount` is a sandbox definition: devices where the policy was applied and evaluated (compliant or not). */
export function summarize(states: readonly DeviceCompliance[]): ComplianceSummary {
  const count = (state: DeviceComplianceState): number => states.filter((s) => s.state === state).length;
  const compliant = count('compliant');
  const nonCompliant = count('nonCompliant');
  return {
    targetedDeviceCount: states.length,
    compliantDeviceCount: compliant,
    nonCompliantDeviceCount: nonCompliant,
    failedDeviceCount: count('failed'),
    pendingDeviceCount: count('pending'),
    enforcedDeviceCount: compliant + nonCompliant,
  };
}

export function deviceName(cmIndex: number): string {
  return deviceAt(cmIndex).name;
}
