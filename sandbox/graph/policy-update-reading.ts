/**
 * How a configurationPolicy is updated, where the sources disagree (graph-intune.md §4.7): Microsoft's page documents
 * `PATCH …/configurationPolicies/{id}` [DOC]; the public code that updates these policies sends `PUT` with the whole
 * policy [CODE: M365DSC, terraform]. The sandbox plays either: `patch-and-put` (the default) accepts both;
 * `put-only` refuses a PATCH of a policy with 400, the reading where only a whole PUT updates it. Set with
 * `POST /_sandbox/policy-update-reading`; back to the default on reset.
 */
export const POLICY_UPDATE_READINGS = ['patch-and-put', 'put-only'] as const;
export type PolicyUpdateReading = (typeof POLICY_UPDATE_READINGS)[number];
export const DEFAULT_POLICY_UPDATE_READING: PolicyUpdateReading = 'patch-and-put';

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
