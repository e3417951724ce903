import {
  POLICY_PROFILES,
  RULE_AREAS,
  STATUS_ORDER,
  statusRank,
  type CheckedProfile,
  type Profile,
  type RuleArea,
  type RuleResult,
  type RuleStatus,
} from './rule-result.js';

/** `not-ready`: something fails; `unverified`: nothing fails but something could not be read. */
export type Verdict = 'ready' | 'ready-with-warnings' | 'unverified' | 'not-ready';

export interface ProfileVerdict {
  readonly profile: CheckedProfile;
  readonly verdict: Verdict;
}

export interface AreaSection {
  readonly area: RuleArea;
  /** The worst status in the area. */
  readonly status: RuleStatus;
  readonly rules: readonly RuleResult[];
}

export interface PrerequisiteReport {
  readonly profile: Profile;
  readonly checkedAt: Date;
  /** The collections the user asked about; empty for the ones in the upload scope. */
  readonly targetCollectionIds: readonly string[];
  readonly verdicts: readonly ProfileVerdict[];
  /** The worst of the profiles' verdicts. */
  readonly verdict: Verdict;
  /** Areas with failures first, then unknown, warn, pass; inside an area, rules in the same order. */
  readonly areas: readonly AreaSection[];
  readonly counts: Readonly<Record<RuleStatus, number>>;
}

const VERDICT_BY_WORST_STATUS: Readonly<Record<RuleStatus, Verdict>> = {
  fail: 'not-ready',
  unknown: 'unverified',
  warn: 'ready-with-warnings',
  pass: 'ready',
};

export function profilesOf(profile: Profile): readonly CheckedProfile[] {
  return profile === 'all' ? POLICY_PROFILES : [profile];
}

/** Groups each profile's rule results into one report; a rule shared by the profiles appears once. */
export function buildReport(
  request: { readonly profile: Profile; readonly checkedAt: Date; readonly targetCollectionIds: readonly string[] },
  resultsByProfile: ReadonlyMap<CheckedProfile, readonly RuleResult[]>,
): PrerequisiteReport {
  const { profile } = request;
  const verdicts = profilesOf(profile).map((policy) => ({
    profile: policy,
    verdict: verdictOf(resultsByProfile.get(policy) ?? []),
  }));
  const rules = uniqueById([...resultsByProfile.values()].flat());
  const areas = RULE_AREAS.map((area) => sectionOf(area, rules))
    .filter((section) => section.rules.length > 0)
    .sort((left, right) => statusRank(left.status) - statusRank(right.status));
  const counts = Object.fromEntries(
    STATUS_ORDER.map((status) => [status, rules.filter((rule) => rule.status === status).length]),
  ) as Record<RuleStatus, number>;
  return { ...request, verdicts, verdict: verdictOf(rules), areas, counts };
}

function verdictOf(rules: readonly RuleResult[]): Verdict {
  return VERDICT_BY_WORST_STATUS[worstStatus(rules)];
}

function worstStatus(rules: readonly RuleResult[]): RuleStatus {
  return STATUS_ORDER.find((status) => rules.some((rule) => rule.status === status)) ?? 'pass';
}

function sectionOf(area: RuleArea, rules: readonly RuleResult[]): AreaSection {
  const inArea = rules
    .filter((rule) => rule.area === area)
    .sort((left, right) => statusRank(left.status) - statusRank(right.status));
  return { area, status: worstStatus(inArea), rules: inArea };
}

function uniqueById(rules: readonly RuleResult[]): RuleResult[] {
  return [...new Map(rules.map((rule) => [rule.id, rule])).values()];
}
