/** How long and how often a guided step is re-checked after the admin pressed Verify. */
export interface VerifyPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** ConfigMgr uploads every 15 minutes and the admin center shows changes 5-10 minutes later (configmgr-adminservice.md §3). */
  readonly giveUpAfterMs: number;
}

export const DEFAULT_VERIFY_POLICY: VerifyPolicy = {
  firstDelayMs: 2_000,
  maxDelayMs: 30_000,
  giveUpAfterMs: 30 * 60_000,
};

export function nextVerifyDelay(policy: VerifyPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempt - 1));
}
