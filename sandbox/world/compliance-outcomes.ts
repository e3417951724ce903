/**
 * How the devices of one collection or group report once a policy reaches them, set through the control API
 * (`POST /_sandbox/compliance/outcomes`) so a rollout ring can be made healthy or unhealthy on demand. Fractions of the
 * devices: compliant, non-compliant, failed; the rest never report (they stay pending). Devices with no outcome set
 * report as the seed decides (sandbox/world/compliance.ts). Not persisted: a restored world starts without outcomes.
 */
export interface ComplianceOutcome {
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly failed: number;
  /** Seconds after the assignment until a device reports; the seeded 1-30 minutes when absent. */
  readonly reportDelaySeconds?: number;
}

export class ComplianceOutcomes {
  private readonly byDevice = new Map<number, ComplianceOutcome>();

  /** The outcome for these devices (by ConfigMgr index); a later call for the same device replaces it. */
  set(cmIndices: Iterable<number>, outcome: ComplianceOutcome): number {
    let count = 0;
    for (const index of cmIndices) {
      this.byDevice.set(index, outcome);
      count += 1;
    }
    return count;
  }

  of(cmIndex: number): ComplianceOutcome | undefined {
    return this.byDevice.get(cmIndex);
  }

  clear(): void {
    this.byDevice.clear();
  }
}
