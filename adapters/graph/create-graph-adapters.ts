import type { ComplianceReports } from '../../core/ports/compliance-reports.js';
import type { DefenderConnector } from '../../core/ports/defender-connector.js';
import type { Directory } from '../../core/ports/directory.js';
import type { EndpointSecurityPolicies } from '../../core/ports/endpoint-security-policies.js';
import type { IntuneApprovals } from '../../core/ports/intune-approvals.js';
import type { IntuneCollections } from '../../core/ports/intune-collections.js';
import type { PolicyDriftReads } from '../../core/ports/policy-drift-reads.js';
import type { TenantTime } from '../../core/ports/tenant-time.js';
import type { PolicyRestore } from '../../core/ports/policy-restore.js';
import { createGraphComplianceReports } from './graph-compliance-reports.js';
import { createGraphDefenderConnector } from './graph-defender-connector.js';
import { createGraphDirectory } from './graph-directory.js';
import { createGraphEndpointSecurityPolicies } from './graph-endpoint-security-policies.js';
import { createGraphHttp, type GraphHttpDeps } from './graph-http.js';
import { createGraphIntuneCollections } from './graph-intune-collections.js';
import { createGraphPolicyDriftReads } from './graph-policy-drift-reads.js';
import { graphServiceTime } from './graph-service-time.js';
import { createGraphPolicyRestore } from './graph-policy-restore.js';
import { createGraphIntuneApprovals } from './maa/graph-intune-approvals.js';

export interface GraphAdapters {
  readonly directory: Directory;
  readonly defenderConnector: DefenderConnector;
  readonly intuneCollections: IntuneCollections;
  readonly policies: EndpointSecurityPolicies;
  readonly complianceReports: ComplianceReports;
  readonly intuneApprovals: IntuneApprovals;
  readonly driftReads: PolicyDriftReads;
  /** Graph's time as its answers tell it. */
  readonly time: TenantTime;
  readonly driftRestore: PolicyRestore;
}

/** Every Graph-backed port over one shared GraphHttp (one retry policy, one logger). */
export function createGraphAdapters(deps: GraphHttpDeps, appId?: string): GraphAdapters {
  const time = graphServiceTime(deps.clock);
  const http = createGraphHttp({ ...deps, onServiceDate: (date) => time.observe(date) });
  return {
    time,
    directory: createGraphDirectory(http),
    defenderConnector: createGraphDefenderConnector(http),
    intuneCollections: createGraphIntuneCollections(http),
    policies: createGraphEndpointSecurityPolicies(http),
    complianceReports: createGraphComplianceReports(http),
    intuneApprovals: createGraphIntuneApprovals(http, appId),
    driftReads: createGraphPolicyDriftReads(http),
    driftRestore: createGraphPolicyRestore(http),
  };
}
