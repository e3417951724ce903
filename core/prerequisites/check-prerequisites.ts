import type { TenantServices } from '../tenant-services.js';
import { evaluateRules } from './evaluate-rules.js';
import type { PrerequisiteFacts, Requester } from './facts.js';
import { gatherFacts } from './gather-facts.js';
import { buildReport, profilesOf, type PrerequisiteReport } from './report.js';
import type { CheckedProfile, CheckPurpose, Profile, RuleResult } from './rule-result.js';

export interface CheckRequest {
  readonly profile: Profile;
  readonly purpose: CheckPurpose;
  readonly requester: Requester;
  readonly now: Date;
  readonly targetCollectionIds?: readonly string[];
}

/** Reads the tenant and the hierarchy once, and judges every rule the profile needs. Never throws for a failed read. */
export async function checkPrerequisites(tenant: TenantServices, request: CheckRequest): Promise<PrerequisiteReport> {
  const facts = await gatherFacts(tenant, request);
  return reportFromFacts(facts, request.profile, request.purpose);
}

export function reportFromFacts(facts: PrerequisiteFacts, profile: Profile, purpose: CheckPurpose): PrerequisiteReport {
  const results = new Map<CheckedProfile, readonly RuleResult[]>(
    profilesOf(profile).map((policy) => [policy, evaluateRules(facts, policy, purpose)]),
  );
  return buildReport({ profile, checkedAt: facts.now, targetCollectionIds: facts.targetCollectionIds }, results);
}
