import type { EndpointSecurityPolicies } from '../ports/endpoint-security-policies.js';
import type { PolicyDetails, PolicyListItem } from '../policy/managed-policy.js';
import type { PolicyKind } from '../policy/policy-draft.js';
import { UserFacingError } from '../user-facing-error.js';
import { policiesNamed } from './find-policy.js';
import { describeKind } from './setting-labels.js';

/**
 * The policy AttachOps made under this name and profile, found by name plus the managed marker; `undefined` when
 * there is none. Any other policy with that name is refused, so `policy create` never makes a second one.
 */
export async function findOwnPolicy(
  policies: EndpointSecurityPolicies,
  name: string,
  kind: PolicyKind,
): Promise<PolicyDetails | undefined> {
  const named = await policiesNamed(policies, name);
  const isOwn = (policy: PolicyListItem): boolean => policy.managedByAttachOps && policy.kind === kind;
  const foreign = named.find((policy) => !isOwn(policy));
  if (foreign) throw nameTaken(foreign);
  const own = named.filter(isOwn);
  if (own.length > 1) throw duplicateOwn(name, own);
  const [only] = own;
  return only === undefined ? undefined : policies.get(only.id);
}

export class PolicyNameTakenError extends UserFacingError {
  constructor(readonly policy: PolicyListItem) {
    const owner = policy.managedByAttachOps ? 'made by AttachOps' : 'not made by AttachOps';
    super(
      `A policy named "${policy.name}" already exists`,
      `"${policy.name}" (${policy.id}; ${describeKind(policy.kind)}) is ${owner}. AttachOps does not create a second policy with the same name, nor take over another one.`,
      `Type policy show "${policy.name}" to see it, or choose another --name.`,
    );
  }
}

function nameTaken(policy: PolicyListItem): PolicyNameTakenError {
  return new PolicyNameTakenError(policy);
}

function duplicateOwn(name: string, own: readonly PolicyListItem[]): UserFacingError {
  return new UserFacingError(
    `${own.length} AttachOps policies are named "${name}"`,
    `${own.map((policy) => policy.id).join(', ')} share the name, so AttachOps cannot tell which one this request is about.`,
    `Rename or delete the extra ones in the admin center (type policy show <id> to compare them), then try again.`,
  );
}
