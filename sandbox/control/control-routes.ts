import { z } from 'zod';
import { ADMINSERVICE_MAX_PAGE } from '../adminservice/wmi-query.js';
import { isScenarioName } from '../constants.js';
import { parseFaultSpec } from '../faults/fault-rules.js';
import { POLICY_UPDATE_READINGS } from '../constants.js';
import type { Router } from '../http/router.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import { policyDeviceStates, summarize } from '../world/compliance.js';
import { deviceAt } from '../world/devices.js';
import { controlState } from './control-state.js';

const problem = (status: number, code: string, message: string): SandboxResponse =>
  json(status, { error: { code, message } });

type Parsed<T> = { ok: true; data: T } | { ok: false; response: SandboxResponse };

function parse<T>(schema: z.ZodType<T>, req: SandboxRequest): Parsed<T> {
  const result = schema.safeParse(req.body ?? {});
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, response: problem(400, 'InvalidBody', z.prettifyError(result.error)) };
}

const resetSchema = z.object({
  scenario: z.string().refine(isScenarioName, 'unknown scenario'),
  seed: z.number().int().optional(),
});
const advanceSchema = z.object({ seconds: z.number().nonnegative() });
const attachSchema = z.object({ uploadScope: z.string().min(1), coManagement: z.boolean().optional() });
const scopeSchema = z.object({ uploadScope: z.string().min(1) });
const syncSchema = z.object({ endpointSecurity: z.boolean() });
const membersSchema = z.object({
  groupId: z.string(),
  add: z.array(z.string()).optional(),
  remove: z.array(z.string()).optional(),
});
const pageLimitSchema = z.object({ rows: z.number().int().min(1).max(ADMINSERVICE_MAX_PAGE) });
const policyUpdateReadingSchema = z.object({ reading: z.enum(POLICY_UPDATE_READINGS) });
const faultSchema = z.union([z.object({ spec: z.string() }), z.object({ route: z.string() }).passthrough()]);

function checkScope(state: SandboxState, scope: string): SandboxResponse | undefined {
  if (scope === 'all') return undefined;
  const collection = state.world.hierarchy.collection(scope);
  if (!collection) return problem(404, 'CollectionNotFound', `Collection ${scope} does not exist.`);
  return collection.collectionType === 2
    ? undefined
    : problem(409, 'NotDeviceCollection', 'The upload scope must be a device collection.');
}

/** `/_sandbox/...`: the test and demo control surface (no auth; the server binds loopback only). */
export function registerControlRoutes(router: Router, state: SandboxState): void {
  const world = () => state.world;
  router.on('POST', '/_sandbox/reset', (req) => {
    const parsed = parse(resetSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    state.reset(body.scenario as Parameters<SandboxState['reset']>[0], body.seed ?? state.world.seed);
    return json(200, controlState(state));
  });
  router.on('GET', '/_sandbox/state', () => json(200, controlState(state)));
  router.on('POST', '/_sandbox/adminservice/page-limit', (req) => {
    const parsed = parse(pageLimitSchema, req);
    if (!parsed.ok) return parsed.response;
    state.adminServicePageLimit = parsed.data.rows;
    return json(200, { adminServicePageLimit: state.adminServicePageLimit });
  });
  router.on('POST', '/_sandbox/policy-update-reading', (req) => {
    const parsed = parse(policyUpdateReadingSchema, req);
    if (!parsed.ok) return parsed.response;
    state.policyUpdateReading = parsed.data.reading;
    return json(200, { policyUpdateReading: state.policyUpdateReading });
  });
  router.on('GET', '/_sandbox/clock', () =>
    json(200, { now: world().clock.nowIso(), offsetSeconds: world().clock.offsetSeconds() }),
  );
  router.on('POST', '/_sandbox/clock/advance', (req) => {
    const parsed = parse(advanceSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    world().clock.advance(body.seconds);
    return json(200, { now: world().clock.nowIso(), offsetSeconds: world().clock.offsetSeconds() });
  });

  router.on('GET', '/_sandbox/faults', () => json(200, { rules: state.faults.list() }));
  router.on('POST', '/_sandbox/faults', (req) => {
    const parsed = parse(faultSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    try {
      const inputs =
        'spec' in body
          ? parseFaultSpec(String(body.spec))
          : parseFaultSpec(
              Object.entries(body)
                .map(([k, v]) => `${k}=${String(v)}`)
                .join(';'),
            );
      return json(201, { rules: inputs.map((input) => state.faults.add(input)) });
    } catch (error) {
      return problem(400, 'InvalidFault', error instanceof Error ? error.message : 'invalid fault');
    }
  });
  router.on('DELETE', '/_sandbox/faults', () => {
    state.faults.clear();
    return { status: 204 };
  });
  router.on('DELETE', '/_sandbox/faults/:id', (_req, p) =>
    state.faults.remove(Number(p.id)) ? { status: 204 } : problem(404, 'NotFound', 'no such rule'),
  );

  router.on('POST', '/_sandbox/console/tenant-attach', (req) => {
    const parsed = parse(attachSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    const invalid = checkScope(state, body.uploadScope);
    if (invalid) return invalid;
    world().cloud.attach(body.uploadScope, body.coManagement ?? false, world().clock.nowMs());
    return json(200, controlState(state));
  });
  router.on('POST', '/_sandbox/console/upload-scope', (req) => {
    const parsed = parse(scopeSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    if (!world().cloud.attached) return problem(409, 'NotTenantAttached', 'Configure tenant attach first.');
    const invalid = checkScope(state, body.uploadScope);
    if (invalid) return invalid;
    world().cloud.setUploadScope(body.uploadScope, world().clock.nowMs());
    return json(200, controlState(state));
  });
  router.on('POST', '/_sandbox/console/collections/:id/cloud-sync', (req, p) => {
    const parsed = parse(syncSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    const refusal = world().cloud.setEndpointSecurity(p.id ?? '', body.endpointSecurity, world().clock.nowMs());
    if (refusal === 'CollectionNotFound') return problem(404, refusal, `Collection ${p.id ?? ''} does not exist.`);
    if (refusal) return problem(409, refusal, `Cannot change Cloud Sync: ${refusal}.`);
    return json(200, {
      collectionId: (p.id ?? '').toUpperCase(),
      endpointSecurity: body.endpointSecurity,
      visibleAfterSeconds: state.syncDelaySeconds,
    });
  });
  router.on('POST', '/_sandbox/console/install-hotfix', () => {
    const installed = world().hierarchy.installHotfix(world().clock.nowIso());
    return installed
      ? json(200, controlState(state))
      : problem(409, 'HotfixNotApplicable', 'KB4563473 is not pending on this site.');
  });

  router.on('POST', '/_sandbox/connections/close', (req) => {
    for (const socket of state.connections) if (socket !== req.connection) socket.destroy();
    return { status: 204 };
  });

  router.on('GET', '/_sandbox/requests', () => json(200, { requests: state.log.list() }));
  router.on('GET', '/_sandbox/contract-violations', () => json(200, { violations: state.log.violations() }));
  router.on('DELETE', '/_sandbox/requests', () => {
    state.log.clear();
    return { status: 204 };
  });

  router.on('GET', '/_sandbox/policies/:id/compliance', (_req, p) => {
    const policy = world().policies.get(p.id ?? '');
    if (!policy) return problem(404, 'NotFound', 'no such policy');
    const states = policyDeviceStates(world(), policy);
    return json(200, {
      policyId: policy.id,
      summary: summarize(states),
      devices: states.map((s) => ({
        name: deviceAt(s.cmIndex).name,
        resourceId: deviceAt(s.cmIndex).resourceId,
        state: s.state,
      })),
    });
  });

  router.on('POST', '/_sandbox/directory/group-members', (req) => {
    const parsed = parse(membersSchema, req);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    const group = world().directory.group(body.groupId);
    if (!group) return problem(404, 'NotFound', 'no such group');
    for (const id of body.add ?? []) group.memberIds.add(id);
    for (const id of body.remove ?? []) group.memberIds.delete(id);
    return json(200, { groupId: group.id, members: [...group.memberIds] });
  });
}
