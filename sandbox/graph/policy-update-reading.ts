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
