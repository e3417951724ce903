import { randomUUID } from 'node:crypto';
import type { Router } from '../http/router.js';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import { type JsonObject, type StoredPolicy, targetKey } from '../world/policy-store.js';
import type { World } from '../world/world.js';
import { badRequest, notFound } from './graph-errors.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { maaProtected } from './maa-gate.js';
import { applyFilter, pageOf } from './paging.js';
import { schemaProblem, validatePolicyBody, validateTarget } from './policy-validation.js';
import { POLICY_TEMPLATES } from './templates-catalog.js';
import { patchSupported, policyNameProblem } from './policy-update-reading.js';

const BASE = '/deviceManagement/configurationPolicies';
/** The access-policy type that protects these writes (maa.md: "Configuration policies (settings catalog)"). */
const PROTECTED_AS = 'configurationPolicy';

/** `$expand=settings`, `$expand=assignments` or both: the navigation properties read with the policy. */
function expansions(req: SandboxRequest): { settings: boolean; assignments: boolean } {
  const expand = (req.query.get('$expand') ?? '')
    .toLowerCase()
    .split(',')
    .map((part) => part.trim());
  return { settings: expand.includes('settings'), assignments: expand.includes('assignments') };
}

function policyJson(policy: StoredPolicy, expand: { settings: boolean; assignments: boolean }): JsonObject {
  const body: JsonObject = {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    id: policy.id,
    ...policy.properties,
    settingCount: policy.settings.length,
    isAssigned: policy.assignments.length > 0,
  };
  if (expand.settings) body.settings = policy.settings;
  if (expand.assignments) body.assignments = assignmentRows(policy);
  return body;
}

function templateReference(body: JsonObject): JsonObject {
  const ref = (body.templateReference ?? {}) as JsonObject;
  const template = POLICY_TEMPLATES.find((t) => t.id === ref.templateId);
  return {
    templateId: template?.id ?? '',
    templateFamily: template?.templateFamily ?? 'none',
    templateDisplayName: template?.displayName ?? null,
    templateDisplayVersion: template?.displayVersion ?? null,
  };
}

function storedSettings(body: JsonObject): JsonObject[] {
  const settings = Array.isArray(body.settings) ? (body.settings as JsonObject[]) : [];
  return settings.map((s, i) => ({
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSetting',
    id: String(i),
    settingInstance: s.settingInstance,
  }));
}

function propertiesFrom(body: JsonObject, world: World, createdDateTime: string): JsonObject {
  const configMgr = String(body.technologies).toLowerCase().includes('configmanager');
  return {
    name: body.name,
    description: body.description ?? '',
    platforms: body.platforms,
    technologies: body.technologies,
    roleScopeTagIds:
      Array.isArray(body.roleScopeTagIds) && body.roleScopeTagIds.length > 0 ? body.roleScopeTagIds : ['0'],
    creationSource: body.creationSource ?? null,
    templateReference: configMgr && !body.templateReference ? templateReference({}) : templateReference(body),
    createdDateTime,
    lastModifiedDateTime: world.clock.nowIso(),
    priorityMetaData: null,
  };
}

function withPolicy(
  ctx: GraphContext,
  req: SandboxRequest,
  id: string | undefined,
  use: (policy: StoredPolicy, world: World) => SandboxResponse,
): SandboxResponse {
  const world = ctx.world();
  const policy = world.policies.get(id ?? '');
  return policy
    ? use(policy, world)
    : notFound(req, `No deviceManagementConfigurationPolicy with id '${id ?? ''}' was found.`);
}

function assignmentRows(policy: StoredPolicy): JsonObject[] {
  return policy.assignments.map((a) => ({ id: a.id, source: 'direct', sourceId: policy.id, target: a.target }));
}

function assignmentsJson(req: SandboxRequest, policy: StoredPolicy): JsonObject {
  return {
    '@odata.context': `${req.origin}/graph/beta/$metadata#deviceManagement/configurationPolicies('${policy.id}')/assignments`,
    value: assignmentRows(policy),
  };
}

export function registerPolicyRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(router, ctx, 'GET', BASE, (req) => {
    const expand = expansions(req);
    const filtered = applyFilter(
      req,
      ctx
        .world()
        .policies.list()
        .map((p) => policyJson(p, expand)),
    );
    return Array.isArray(filtered) ? pageOf(req, filtered, 'deviceManagement/configurationPolicies') : filtered;
  });

  graphRoute(
    router,
    ctx,
    'POST',
    BASE,
    maaProtected(ctx, PROTECTED_AS, (req) => {
      const problem = validatePolicyBody(req.body);
      if (problem) return badRequest(req, problem);
      const world = ctx.world();
      const body = req.body as JsonObject;
      const policy: StoredPolicy = {
        id: randomUUID(),
        properties: propertiesFrom(body, world, world.clock.nowIso()),
        settings: storedSettings(body),
        assignments: [],
        targetAssignedAtMs: new Map(),
      };
      world.policies.put(policy);
      return json(201, {
        '@odata.context': `${req.origin}/graph/beta/$metadata#deviceManagement/configurationPolicies/$entity`,
        ...policyJson(policy, { settings: false, assignments: false }),
      });
    }),
  );

  graphRoute(router, ctx, 'GET', `${BASE}/:id`, (req, p) =>
    withPolicy(ctx, req, p.id, (policy) => json(200, policyJson(policy, expansions(req)))),
  );

  graphRoute(
    router,
    ctx,
    'PUT',
    `${BASE}/:id`,
    maaProtected(ctx, PROTECTED_AS, (req, p) =>
      withPolicy(ctx, req, p.id, (policy, world) => {
        const problem = validatePolicyBody(req.body);
        if (problem) return badRequest(req, problem);
        const body = req.body as JsonObject;
        policy.properties = propertiesFrom(body, world, String(policy.properties.createdDateTime));
        policy.settings = storedSettings(body);
        return { status: 204 };
      }),
    ),
  );

  graphRoute(
    router,
    ctx,
    'PATCH',
    `${BASE}/:id`,
    patchSupported(
      ctx,
      maaProtected(ctx, PROTECTED_AS, (req, p) =>
        withPolicy(ctx, req, p.id, (policy, world) => {
          const structural = schemaProblem(req.body ?? {}, 'deviceManagementConfigurationPolicy');
          if (structural) return badRequest(req, structural);
          const body = (req.body ?? {}) as JsonObject;
          if (body.name !== undefined) {
            const problem = policyNameProblem(body.name);
            if (problem) return badRequest(req, problem);
          }
          for (const key of ['name', 'description', 'roleScopeTagIds'] as const)
            if (body[key] !== undefined) policy.properties[key] = body[key];
          policy.properties.lastModifiedDateTime = world.clock.nowIso();
          return { status: 204 };
        }),
      ),
    ),
  );

  graphRoute(
    router,
    ctx,
    'DELETE',
    `${BASE}/:id`,
    maaProtected(ctx, PROTECTED_AS, (req, p) =>
      withPolicy(ctx, req, p.id, (policy, world) => {
        world.policies.delete(policy.id);
        return { status: 204 };
      }),
    ),
  );

  graphRoute(router, ctx, 'GET', `${BASE}/:id/settings`, (req, p) =>
    withPolicy(ctx, req, p.id, (policy) =>
      pageOf(req, policy.settings, `deviceManagement/configurationPolicies('${policy.id}')/settings`),
    ),
  );

  graphRoute(router, ctx, 'GET', `${BASE}/:id/assignments`, (req, p) =>
    withPolicy(ctx, req, p.id, (policy) => json(200, assignmentsJson(req, policy))),
  );

  graphRoute(
    router,
    ctx,
    'POST',
    `${BASE}/:id/assign`,
    maaProtected(ctx, PROTECTED_AS, (req, p) =>
      withPolicy(ctx, req, p.id, (policy, world) => {
        const assignments = (req.body as JsonObject | undefined)?.assignments;
        if (!Array.isArray(assignments)) return badRequest(req, "The 'assignments' parameter is required.");
        const structural = schemaProblem(assignments, 'Collection(deviceManagementConfigurationPolicyAssignment)');
        if (structural) return badRequest(req, structural);
        const policyBody = { ...policy.properties };
        for (const assignment of assignments) {
          const problem = validateTarget(world, policyBody, (assignment as JsonObject | null)?.target);
          if (problem) return badRequest(req, problem);
        }
        const now = world.clock.nowMs();
        policy.assignments = assignments.map((a) => {
          const target = (a as JsonObject).target as JsonObject;
          const key = targetKey(target);
          if (!policy.targetAssignedAtMs.has(key)) policy.targetAssignedAtMs.set(key, now);
          return { id: `${policy.id}_${key.split(':')[1] ?? randomUUID()}`, target };
        });
        return json(200, assignmentsJson(req, policy));
      }),
    ),
  );
}
