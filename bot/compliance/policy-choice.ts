import { findManagedPolicy } from './compliance-cards.js';
import type { ComplianceTenant } from '../../core/compliance/read-compliance.js';
import type { FlagProblem } from '../../core/compliance/schedule-flags.js';
import { isUserFacingError } from '../../core/user-facing-error.js';

export type PolicyChoice =
  | { readonly ok: true; readonly policies: readonly { id: string; name: string }[] }
  | { readonly ok: false; readonly problems: readonly FlagProblem[] };

/** The `--policy` values of a subscription, each resolved to a managed policy now, so a typo fails at once. */
export async function choosePolicies(tenant: ComplianceTenant, typed: readonly string[]): Promise<PolicyChoice> {
  const policies: { id: string; name: string }[] = [];
  const problems: FlagProblem[] = [];
  for (const name of typed) {
    try {
      const policy = await findManagedPolicy(tenant, name);
      if (!policies.some((chosen) => chosen.id === policy.id)) policies.push({ id: policy.id, name: policy.name });
    } catch (error) {
      if (!isUserFacingError(error)) throw error;
      problems.push({ argument: '--policy', problem: `"${name}": ${error.message}` });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policies };
}
