/** The policy types onboarding prepares, and what `check all` checks; each keeps its own verdict. */
export type PolicyProfile = 'edr' | 'antivirus';
export const POLICY_PROFILES: readonly PolicyProfile[] = ['edr', 'antivirus'];
/** Any profile of the catalog (core/policy/catalog) can be checked on its own: `check firewall`. */
export type CheckedProfile = string;
export type Profile = CheckedProfile | 'all';

/** `attach` is about to onboard the tenant, so what only onboarding needs (Global Administrator) becomes a failure. */
export type CheckPurpose = 'report' | 'attach';

export type RuleStatus = 'pass' | 'fail' | 'warn' | 'unknown';

export type RuleArea =
  | 'ConfigMgr version'
  | 'Defender for Endpoint'
  | 'Permissions'
  | 'Cloud'
  | 'Tenant attach'
  | 'Collections'
  | 'Multi Admin Approval';
export const RULE_AREAS: readonly RuleArea[] = [
  'ConfigMgr version',
  'Defender for Endpoint',
  'Permissions',
  'Cloud',
  'Tenant attach',
  'Collections',
  'Multi Admin Approval',
];

export interface RuleResult {
  readonly id: string;
  readonly area: RuleArea;
  readonly title: string;
  readonly status: RuleStatus;
  /** What was observed, in words a chat user can check. */
  readonly evidence: string;
  /** Exactly what to do; present for every rule that does not pass. */
  readonly fix?: string;
  /** The section of the Microsoft page that states the requirement. */
  readonly docLink?: string;
  /** Where the evidence came from, in the source's own terms (class names, ids): shown behind Details. */
  readonly details?: readonly string[];
}

/** Most urgent first: what blocks, what could not be verified, what deserves a look, what is fine. */
export const STATUS_ORDER: readonly RuleStatus[] = ['fail', 'unknown', 'warn', 'pass'];

export function statusRank(status: RuleStatus): number {
  return STATUS_ORDER.indexOf(status);
}
