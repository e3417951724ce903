import { cloudRule } from './cloud-rule.js';
import { collectionsEnabledRule, collectionsInScopeRule, collectionsSyncedRule } from './collection-rules.js';
import { defenderRule } from './defender-rule.js';
import { edrCoManagementRegressionRule } from './edr-comanagement-rule.js';
import type { PrerequisiteFacts } from './facts.js';
import { globalAdministratorRule } from './global-admin-rule.js';
import { multiAdminApprovalRule } from './maa-rule.js';
import type { CheckPurpose, PolicyProfile, RuleResult } from './rule-result.js';
import { tenantAttachedRule, uploadScopeRule } from './tenant-attach-rules.js';
import { topLevelSiteRule } from './top-level-site-rule.js';
import { antivirusVersionRule, edrVersionRule } from './version-rules.js';

type Rule = (facts: PrerequisiteFacts, purpose: CheckPurpose) => RuleResult;

const VERSION_RULES: Readonly<Record<PolicyProfile, Rule>> = { edr: edrVersionRule, antivirus: antivirusVersionRule };

/** Rules every policy type needs, in the order of the Microsoft page. */
const SHARED_RULES: readonly Rule[] = [
  topLevelSiteRule,
  defenderRule,
  globalAdministratorRule,
  cloudRule,
  tenantAttachedRule,
  uploadScopeRule,
  collectionsInScopeRule,
  collectionsSyncedRule,
  collectionsEnabledRule,
];

/** Expert rules of one policy type, after its version rule. */
const PROFILE_RULES: Readonly<Record<PolicyProfile, readonly Rule[]>> = {
  edr: [edrCoManagementRegressionRule],
  antivirus: [],
};

/** Every rule one policy type needs: its own ConfigMgr version rules, then the shared ones. */
export function evaluateRules(facts: PrerequisiteFacts, profile: PolicyProfile, purpose: CheckPurpose): RuleResult[] {
  const results = [VERSION_RULES[profile], ...PROFILE_RULES[profile], ...SHARED_RULES].map((rule) =>
    rule(facts, purpose),
  );
  const maa = multiAdminApprovalRule(facts);
  return maa ? [...results, maa] : results;
}
