import type { TenantTime } from './ports/tenant-time.js';
import type { CloudEnvironmentProbe } from './ports/cloud-environment.js';
import type { ComplianceReports } from './ports/compliance-reports.js';
import type { ConfigMgrGateway } from './ports/configmgr-gateway.js';
import type { DefenderConnector } from './ports/defender-connector.js';
import type { Directory } from './ports/directory.js';
import type { EndpointSecurityPolicies } from './ports/endpoint-security-policies.js';
import type { IntuneApprovals } from './ports/intune-approvals.js';
import type { IntuneCollections } from './ports/intune-collections.js';
import type { PolicyDriftReads } from './ports/policy-drift-reads.js';
import type { PolicyRestore } from './ports/policy-restore.js';

/** Everything core reads from or writes to the tenant and the ConfigMgr hierarchy, as ports. */
export interface TenantServices {
  readonly directory: Directory;
  readonly defenderConnector: DefenderConnector;
  readonly cloudEnvironment: CloudEnvironmentProbe;
  readonly intuneCollections: IntuneCollections;
  readonly policies: EndpointSecurityPolicies;
  readonly complianceReports: ComplianceReports;
  readonly configMgr: ConfigMgrGateway;
  /** Intune Multi Admin Approval; absent in fakes that never meet it. */
  readonly intuneApprovals?: IntuneApprovals;
  /** The drift watch's reads (core/drift); absent in fakes that do not watch. */
  readonly driftReads?: PolicyDriftReads;
  /** The tenant's time as its answers tell it; absent in fakes, whose time is the bot's clock. */
  readonly time?: TenantTime;
  /** Revert and Recreate from the drift card; absent in fakes that do not watch. */
  readonly driftRestore?: PolicyRestore;
}
