import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import { UserFacingError } from '../user-facing-error.js';
import { createIntentFromFlags, kebab } from './create-flags.js';
import { resolvePolicy } from './find-policy.js';
import type { PolicyCreateIntent } from './policy-create-intent.js';

/**
 * `policy set "<policy>" --<setting> <value>`: the policy AttachOps made, with the named settings changed and every
 * other one as it is. Planned by the create planner, which shows each setting old -> new and replaces the settings
 * of AttachOps' own policy (a policy made elsewhere is refused: replacing its settings could drop what AttachOps does
 * not model).
 */
export async function policySetIntent(
  policies: EndpointSecurityPolicies,
  text: string,
  settings: Readonly<Record<string, string | undefined>>,
): Promise<PolicyCreateIntent> {
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  if (Object.keys(given).length === 0) {
    throw new UserFacingError(
      'No setting to change',
      'policy set changes one or more settings: name each with its option and the new value.',
      `Type help policy create <profile> to see a profile's settings, e.g. policy set "${text}" --sample-sharing all.`,
    );
  }
  const policy = await resolvePolicy(
    policies,
    text,
    (id) =>
      `policy set ${id} ${Object.keys(given)
        .map((key) => `--${kebab(key)} …`)
        .join(' ')}`,
  );
  if (!policy.managedByAttachOps || policy.draft === undefined) {
    throw new UserFacingError(
      'AttachOps did not make this policy',
      `"${policy.name}" was made outside AttachOps${policy.draft ? '' : ' or is of a profile AttachOps does not model'}; replacing its settings could drop what AttachOps does not see.`,
      'Change it in the Microsoft Intune admin center.',
    );
  }
  const { draft } = policy;
  const changed = createIntentFromFlags({ profile: draft.profile, target: draft.target, name: draft.name, ...given });
  return {
    profile: draft.profile,
    target: draft.target,
    name: draft.name,
    settings: { ...draft.settings, ...changed.settings },
  };
}
