import { cloudRule } from './cloud-rule.js';
import { collectionsEnabledRule, collectionsInScopeRule, collectionsSyncedRule } from './collection-rules.js';
import { defenderRule } from './defender-rule.js';
import { edrCoManagementRegressionRule } from './edr-comanagement-rule.js';
import type { PrerequisiteFacts } from './facts.js';
import { globalAdministratorRule } from './global-admin-rule.js';
import { multiAdminApprovalRule } from './maa-rule.js';
import { findProfile } from '../policy/catalog/index.js';
import { DOC_LINKS } from './doc-links.js';
import { hotfixOn2006Rule } from './hotfix-on-2006-rule.js';
import type { CheckedProfile, CheckPurpose, RuleResult } from './rule-result.js';
import { tenantAttachedRule, uploadScopeRule } from './tenant-attach-rules.js';
import { topLevelSiteRule } from './top-level-site-rule.js';
import { antivirusVersionRule, edrVersionRule, release2006Rule } from './version-rules.js';

export type Rule = (facts: PrerequisiteFacts, purpose: CheckPurpose) => RuleResult;

const VERSION_RULES: Readonly<Record<string, Rule>> = { edr: edrVersionRule, antivirus: antivirusVersionRule };

/** The ConfigMgr version rules of a profile: its own, or those its catalog minimum names (core/policy/catalog). */
export function versionRulesOf(id: CheckedProfile): Rule[] {
  const own = VERSION_RULES[id];
  if (own) return [own];
  const profile = findProfile(id);
  const minimum = profile?.configMgrMinimum;
  if (!profile || !minimum) return [];
  const base = {
    id: `configmgr.version.${profile.id}`,
    area: 'ConfigMgr version' as const,
    title: `ConfigMgr version supports ${profile.short} policy`,
    docLink: DOC_LINKS.policyRequirements,
  };
  const release: Rule =
    minimum.rule === 'edr' ? edrVersionRule : (facts) => release2006Rule(base, profile.short, facts);
  const { hotfix } = minimum;
  return hotfix ? [release, (facts) => hotfixOn2006Rule(profile.id, profile.short, hotfix, facts)] : [release];
}

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
const PROFILE_RULES: Readonly<Record<string, readonly Rule[]>> = {
  edr: [edrCoManagementRegressionRule],
  antivirus: [],
};

/** Every rule one policy type needs: its own ConfigMgr version rules, then the shared ones. */
export function evaluateRules(facts: PrerequisiteFacts, profile: CheckedProfile, purpose: CheckPurpose): RuleResult[] {
  const results = [...versionRulesOf(profile), ...(PROFILE_RULES[profile] ?? []), ...SHARED_RULES].map((rule) =>
    rule(facts, purpose),
  );
  const maa = multiAdminApprovalRule(facts);
  return maa ? [...results, maa] : results;
}
