import type { EndpointSecurityPolicies } from '../../ports/endpoint-security-policies.js';
import type { PolicyDriftReads } from '../../ports/policy-drift-reads.js';
import type { PolicyRestore } from '../../ports/policy-restore.js';
import type { BaselineStore } from '../baseline-store.js';
import type { DriftEpisodes } from '../drift-episodes.js';

/** What the drift-recreate step kind works with: the baselines and episodes, the tenant's policies, reads and restore. */
export interface DriftRecreateParts {
  readonly baselines: BaselineStore;
  readonly episodes: DriftEpisodes;
  readonly policies: Pick<EndpointSecurityPolicies, 'list'>;
  readonly reads: Pick<PolicyDriftReads, 'read'>;
  readonly restore: PolicyRestore;
}
