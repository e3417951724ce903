import { DEMO_USERS, type ScenarioName } from '../constants.js';
import { SCENARIOS, type ScenarioFacts } from '../scenarios/scenario-facts.js';
import { ComplianceOutcomes } from './compliance-outcomes.js';
import { CloudAttach } from './cloud-attach.js';
import { Directory } from './directory.js';
import { Hierarchy } from './hierarchy.js';
import { IntuneAuditEvents } from './intune-audit-events.js';
import { OperationApprovals } from './operation-approvals.js';
import { PolicyStore } from './policy-store.js';
import { addPortalPolicy } from './portal-policies.js';
import { SimClock } from './sim-clock.js';

export interface WorldOptions {
  readonly scenario: ScenarioName;
  readonly seed: number;
  readonly syncDelaySeconds: number;
}

/** One ConfigMgr hierarchy and one tenant, consistent with each other. Rebuilt on reset. */
export class World {
  readonly facts: ScenarioFacts;
  readonly clock = new SimClock();
  readonly directory: Directory;
  readonly hierarchy: Hierarchy;
  readonly cloud: CloudAttach;
  readonly policies = new PolicyStore();
  readonly approvals = new OperationApprovals();
  readonly auditEvents = new IntuneAuditEvents();
  readonly complianceOutcomes = new ComplianceOutcomes();
  readonly createdAtMs: number;

  constructor(readonly options: WorldOptions) {
    this.facts = SCENARIOS[options.scenario];
    this.directory = new Directory(this.facts);
    const userIds = this.directory.users.map((u) => u.id);
    this.hierarchy = new Hierarchy(
      this.facts,
      userIds,
      [DEMO_USERS.operator.id, DEMO_USERS.admin.id],
      this.clock.nowIso(),
    );
    this.cloud = new CloudAttach(this.hierarchy, options.syncDelaySeconds * 1000);
    this.createdAtMs = this.clock.nowMs();
    if (this.facts.attached)
      this.cloud.preset(this.facts.enabledCollectionIds, this.createdAtMs, this.facts.coManagement);
    if (this.facts.portalPolicy) addPortalPolicy(this.policies, this.clock.nowIso(), this.createdAtMs);
  }

  get scenario(): ScenarioName {
    return this.options.scenario;
  }

  get seed(): number {
    return this.options.seed;
  }
}
