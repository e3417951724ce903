import type { Handler } from '../http/types.js';
import { badRequest } from './graph-errors.js';
import type { GraphContext } from './graph-context.js';
/**
 * Sandbox choice: no public source gives the longest name the service takes; the sandbox refuses a name over 200
 * characters (AttachOps' own limit), so a longer one from any client is a 400 here.
 */
export const SANDBOX_POLICY_NAME_MAX = 200;

/** The service requires a name on a policy [DOC: create page, `name` required]; blank or too long is refused. */
export function policyNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') return "The 'name' property is required.";
  if (name.length > SANDBOX_POLICY_NAME_MAX)
    return `The 'name' property must be at most ${SANDBOX_POLICY_NAME_MAX} characters (it has ${name.length}).`;
  return undefined;
}

/**
 * The `put-only` reading (graph-intune.md §4.7; sandbox/constants.ts POLICY_UPDATE_READINGS): a PATCH of a policy is
 * not supported at all, so it is refused as a request the service does not take, before anything looks at what it
 * would change. Multi Admin Approval intercepts writes the service would carry out (maa.md "The protocol"), so an
 * unsupported PATCH is refused with 400 and never held for approval.
 */
export function patchSupported(ctx: Pick<GraphContext, 'policyUpdateReading'>, handler: Handler): Handler {
  return (req, params) =>
    ctx.policyUpdateReading() === 'put-only'
      ? badRequest(req, 'Update a configuration policy with PUT and the whole policy; PATCH is not supported.')
      : handler(req, params);
}
