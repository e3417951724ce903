/** What a step hands a port with a change to the tenant, so a lost answer can be resolved (core/runs/unknown-outcome.ts). */
export interface TenantWrite {
  /**
   * An id chosen and stored before the first attempt, written into what the change creates (for a policy: its
   * description marker, adapters/graph/managed-marker.ts), so the object is found again even if renamed.
   */
  readonly ref: string;
  /** Awaited before every HTTP attempt: records durably that the change may have started. */
  beforeSend(): Promise<void>;
  /**
   * Intune Multi Admin Approval: why the change is made (built from the approved request, core/maa/tenant-write.ts),
   * sent as `x-msft-approval-justification`. Absent for writes outside an approved run.
   */
  readonly justification?: string;
}
