export type DefenderPartnerState = 'unavailable' | 'available' | 'enabled' | 'unresponsive' | 'unknown';

export interface DefenderConnectorStatus {
  readonly partnerState: DefenderPartnerState;
  readonly lastHeartbeat: Date | undefined;
  readonly windowsEnabled: boolean;
}

/** The Intune connector for Microsoft Defender for Endpoint; whether it is healthy is core's judgement. */
export interface DefenderConnector {
  getDefenderConnector(): Promise<DefenderConnectorStatus | 'not-configured'>;
}
