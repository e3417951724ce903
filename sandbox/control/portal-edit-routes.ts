import { z } from 'zod';
import type { Router } from '../http/router.js';
import { json, type SandboxResponse } from '../http/types.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { validateTarget } from '../graph/policy-validation.js';
import { type JsonObject, type StoredPolicy, targetKey } from '../world/policy-store.js';
import { addNoise } from '../world/policy-noise.js';
import type { PortalChange } from '../world/intune-audit-events.js';
import type { World } from '../world/world.js';

const actor = z.string().trim().min(1);
const settingSchema = z
  .object({ settingDefinitionId: z.string().min(1), value: z.union([z.string(), z.number()]), actor })
  .strict();
const targetSchema = z.record(z.string(), z.unknown());
const assignmentsSchema = z
  .object({ add: z.array(targetSchema).optional(), remove: z.array(targetSchema).optional(), actor })
  .strict()
  .refine((edit) => (edit.add?.length ?? 0) + (edit.remove?.length ?? 0) > 0, 'Nothing to change.');
const renameSchema = z.object({ name: z.string().trim().min(1), actor }).strict();

const problem = (status: number, code: string, message: string): SandboxResponse =>
  json(status, { error: { code, message } });

/** Every setting instance, children included. */
function instances(policy: StoredPolicy): JsonObject[] {
  const all: JsonObject[] = [];
  const visit = (node: JsonObject): void => {
    all.push(node);
    const choice = node.choiceSettingValue as JsonObject | undefined;
    for (const child of Array.isArray(choice?.children) ? (choice.children as JsonObject[]) : []) visit(child);
  };
  for (const row of policy.settings) visit(row.settingInstance as JsonObject);
  return all;
}

function withPolicy(
  state: SandboxState,
  id: string | undefined,
  edit: (policy: StoredPolicy, world: World) => SandboxResponse,
): SandboxResponse {
  const world = state.world;
  const policy = world.policies.get(id ?? '');
  return policy ? edit(policy, world) : problem(404, 'NotFound', `No policy ${id ?? ''}.`);
}

function audited(world: World, policy: StoredPolicy, change: Omit<PortalChange, 'policy'>): SandboxResponse {
  const event = world.auditEvents.record(
    { ...change, policy: { id: policy.id, name: String(policy.properties.name) } },
    world.clock.nowIso(),
  );
  return json(200, {
    id: policy.id,
    lastModifiedDateTime: policy.properties.lastModifiedDateTime,
    auditEventId: event.id,
  });
}

/**
 * Another admin's edits in the Intune admin center, bypassing every gate, each logged as an Intune audit event
 * (`GET /graph/beta/deviceManagement/auditEvents`); and `noise`, a rewrite that changes nothing the policy means.
 * Settings, rename and noise bump `lastModifiedDateTime`; assignment changes do not (graph-intune.md §12.5 [U]: the
 * stricter reading, so a watcher must compare assignments itself).
 */
export function registerPortalEditRoutes(router: Router, state: SandboxState): void {
  router.on('POST', '/_sandbox/portal/policies/:id/settings', (req, p) => {
    const parsed = settingSchema.safeParse(req.body ?? {});
    if (!parsed.success) return problem(400, 'InvalidBody', z.prettifyError(parsed.error));
    const { settingDefinitionId, value } = parsed.data;
    return withPolicy(state, p.id, (policy, world) => {
      const node = instances(policy).find(
        (candidate) => String(candidate.settingDefinitionId).toLowerCase() === settingDefinitionId.toLowerCase(),
      );
      if (!node) return problem(404, 'SettingNotFound', `Policy ${policy.id} has no setting ${settingDefinitionId}.`);
      const holder = (node.choiceSettingValue ?? node.simpleSettingValue) as JsonObject | undefined;
      if (!holder) return problem(400, 'NotASingleValue', `${settingDefinitionId} is not a choice or simple setting.`);
      const oldValue = String(holder.value);
      holder.value = value;
      policy.properties.lastModifiedDateTime = world.clock.nowIso();
      return audited(world, policy, {
        actor: parsed.data.actor,
        operation: 'Patch',
        modified: [{ displayName: settingDefinitionId, oldValue, newValue: String(value) }],
      });
    });
  });

  router.on('POST', '/_sandbox/portal/policies/:id/assignments', (req, p) => {
    const parsed = assignmentsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return problem(400, 'InvalidBody', z.prettifyError(parsed.error));
    return withPolicy(state, p.id, (policy, world) => {
      const added = parsed.data.add ?? [];
      for (const target of added) {
        const invalid = validateTarget(world, { ...policy.properties }, target);
        if (invalid) return problem(400, 'InvalidTarget', invalid);
      }
      const removedKeys = new Set((parsed.data.remove ?? []).map(targetKey));
      const missing = [...removedKeys].find((key) => !policy.assignments.some((a) => targetKey(a.target) === key));
      if (missing) return problem(404, 'TargetNotFound', `Policy ${policy.id} is not assigned to ${missing}.`);
      const before = policy.assignments.map((a) => targetKey(a.target));
      const kept = policy.assignments.filter((a) => !removedKeys.has(targetKey(a.target)));
      const now = world.clock.nowMs();
      for (const target of added) {
        const key = targetKey(target);
        const others = kept.filter((a) => targetKey(a.target) !== key);
        kept.splice(0, kept.length, ...others, { id: `${policy.id}_${key.split(':')[1] ?? key}`, target });
        if (!policy.targetAssignedAtMs.has(key)) policy.targetAssignedAtMs.set(key, now);
      }
      policy.assignments = kept;
      return audited(world, policy, {
        actor: parsed.data.actor,
        operation: 'Patch',
        modified: [
          {
            displayName: 'Assignments',
            oldValue: before.join(', '),
            newValue: kept.map((a) => targetKey(a.target)).join(', '),
          },
        ],
      });
    });
  });

  router.on('POST', '/_sandbox/portal/policies/:id/rename', (req, p) => {
    const parsed = renameSchema.safeParse(req.body ?? {});
    if (!parsed.success) return problem(400, 'InvalidBody', z.prettifyError(parsed.error));
    return withPolicy(state, p.id, (policy, world) => {
      const oldValue = String(policy.properties.name);
      policy.properties.name = parsed.data.name;
      policy.properties.lastModifiedDateTime = world.clock.nowIso();
      return audited(world, policy, {
        actor: parsed.data.actor,
        operation: 'Patch',
        modified: [{ displayName: 'Name', oldValue, newValue: parsed.data.name }],
      });
    });
  });

  router.on('DELETE', '/_sandbox/portal/policies/:id', (req, p) => {
    const who = actor.safeParse(req.query.get('actor') ?? '');
    if (!who.success) return problem(400, 'InvalidBody', 'actor is required (?actor=…).');
    return withPolicy(state, p.id, (policy, world) => {
      world.policies.delete(policy.id);
      return audited(world, policy, { actor: who.data, operation: 'Delete', modified: [] });
    });
  });

  router.on('POST', '/_sandbox/portal/policies/:id/noise', (_req, p) =>
    withPolicy(state, p.id, (policy, world) => {
      addNoise(policy, world.clock.nowIso());
      return json(200, { id: policy.id, lastModifiedDateTime: policy.properties.lastModifiedDateTime });
    }),
  );
}
