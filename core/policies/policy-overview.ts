import type { PolicyDetails } from '../policy/managed-policy.js';
import type { TenantServices } from '../tenant-services.js';
import { describeTargets } from './describe-targets.js';
import { resolvePolicy } from './find-policy.js';
import type { PlannedTarget } from './planned-target.js';

/** Each shown assignment costs a directory or ConfigMgr lookup; a card shows at most this many. */
export const MAX_DESCRIBED_ASSIGNMENTS = 40;

/** One policy with its settings and its assignments, named. */
export interface PolicyOverview {
  readonly policy: PolicyDetails;
  /** The first MAX_DESCRIBED_ASSIGNMENTS of `policy.assignments`, named. */
  readonly assignments: readonly PlannedTarget[];
}

export async function readPolicyOverview(
  services: Pick<TenantServices, 'policies' | 'directory' | 'configMgr'>,
  text: string,
): Promise<PolicyOverview> {
  const policy = await resolvePolicy(services.policies, text, (id) => `policy show ${id}`);
  return {
    policy,
    assignments: await describeTargets(services, policy.assignments.slice(0, MAX_DESCRIBED_ASSIGNMENTS)),
  };
}
