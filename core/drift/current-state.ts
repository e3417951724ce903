import type { PolicyDriftReads, RawPolicyState } from '../ports/policy-drift-reads.js';
import { normalisePolicy, type NormalisedPolicy } from './normalise-policy.js';

export interface CurrentPolicy {
  readonly raw: RawPolicyState;
  readonly state: NormalisedPolicy;
}

/** The policy as the tenant has it now, read in full and normalised; `undefined` when it is gone. */
export async function readCurrent(
  reads: Pick<PolicyDriftReads, 'read'>,
  policyId: string,
): Promise<CurrentPolicy | undefined> {
  const raw = await reads.read(policyId);
  return raw === undefined ? undefined : { raw, state: normalisePolicy(raw.policy, raw.assignments) };
}
