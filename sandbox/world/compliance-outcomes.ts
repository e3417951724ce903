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

/**
 * An outcome as one device holds it: `share` places the device among the devices the outcome was set for ((rank + ½) /
 * count, in the order given), so the fractions hold exactly for every policy — 30% failed of 5 devices is 2 devices,
 * never by chance none.
 */
export interface DeviceOutcome {
  readonly outcome: ComplianceOutcome;
  readonly share: number;
}

export class ComplianceOutcomes {
  private readonly byDevice = new Map<number, DeviceOutcome>();

  /** The outcome for these devices (by ConfigMgr index); a later call for the same device replaces it. */
  set(cmIndices: Iterable<number>, outcome: ComplianceOutcome): number {
    const indices = [...new Set(cmIndices)];
    indices.forEach((index, rank) => {
      this.byDevice.set(index, { outcome, share: (rank + 0.5) / indices.length });
    });
    return indices.length;
  }

  of(cmIndex: number): DeviceOutcome | undefined {
    return this.byDevice.get(cmIndex);
  }

  clear(): void {
    this.byDevice.clear();
  }
}
