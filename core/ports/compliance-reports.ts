export interface DeviceStatusRow {
  readonly deviceName: string;
  readonly userPrincipalName?: string;
  readonly intuneDeviceId?: string;
  /** The report's own status label (e.g. "Succeeded", "Error", "Conflict"); interpretation is core's. */
  readonly status: string;
  readonly lastReported?: Date;
}

export interface DeviceStatusPage {
  readonly total: number;
  readonly rows: readonly DeviceStatusRow[];
  /** Present while more rows remain. */
  readonly next?: { readonly skip: number; readonly top: number };
}

/** Per-device status of an Intune-enforced (MDM) policy. */
export interface ComplianceReports {
  getPolicyDeviceStatuses(
    policyId: string,
    page: { readonly skip: number; readonly top: number },
  ): Promise<DeviceStatusPage>;
}
