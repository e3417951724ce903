import { z } from 'zod';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../constants.js';
import type { Router } from '../http/router.js';
import { json, type SandboxRequest, type SandboxResponse } from '../http/types.js';
import type { SandboxState } from '../state/sandbox-state.js';

const problem = (status: number, code: string, message: string): SandboxResponse =>
  json(status, { error: { code, message } });

const eligibilitySchema = z.object({
  principalId: z.string().min(1),
  roleDefinitionId: z.string().min(1).optional(),
});
const permissionsSchema = z.object({
  grant: z.array(z.string().min(1)).optional(),
  revoke: z.array(z.string().min(1)).optional(),
});

function parse<T>(
  schema: z.ZodType<T>,
  req: SandboxRequest,
): { ok: true; data: T } | { ok: false; response: SandboxResponse } {
  const result = schema.safeParse(req.body ?? {});
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, response: problem(400, 'InvalidBody', z.prettifyError(result.error)) };
}

/**
 * `/_sandbox/directory/role-eligibility` makes a user or group eligible for a role in Privileged Identity Management
 * (Global Administrator unless named), as an admin does in the Entra admin center; `/_sandbox/app/permissions` changes
 * the app's Graph application permissions for the tokens issued from then on (sandbox/README.md).
 */
export function registerDirectoryControlRoutes(router: Router, state: SandboxState): void {
  router.on('POST', '/_sandbox/directory/role-eligibility', (req) => {
    const parsed = parse(eligibilitySchema, req);
    if (!parsed.ok) return parsed.response;
    const { principalId, roleDefinitionId = GLOBAL_ADMINISTRATOR_ROLE_ID } = parsed.data;
    const directory = state.world.directory;
    const principal = directory.user(principalId)?.id ?? directory.group(principalId.toLowerCase())?.id;
    if (principal === undefined) return problem(404, 'NotFound', `No user or group ${principalId}.`);
    const added = directory.makeEligible(principal, roleDefinitionId, state.world.clock.nowIso());
    state.save();
    return json(added ? 201 : 200, { eligibilities: directory.roleEligibilities });
  });
  router.on('GET', '/_sandbox/app/permissions', () => json(200, { permissions: state.appPermissions.list() }));
  router.on('POST', '/_sandbox/app/permissions', (req) => {
    const parsed = parse(permissionsSchema, req);
    if (!parsed.ok) return parsed.response;
    state.appPermissions.change(parsed.data.grant ?? [], parsed.data.revoke ?? []);
    return json(200, { permissions: state.appPermissions.list() });
  });
}
