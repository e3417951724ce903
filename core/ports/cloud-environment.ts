/** Shared with the ConfigMgr gateway (configmgr-adminservice.md §8). */
export type CloudEnv = 'AzurePublicCloud' | 'AzureUSGovernmentCloud' | 'AzureChinaCloud' | 'Unknown';

export interface CloudEnvironment {
  readonly cloud: CloudEnv;
  /** The raw facts the verdict came from, for the prerequisite report. */
  readonly cloudInstanceName: string;
  readonly tenantRegionScope?: string;
}

/** Which national cloud the tenant lives in, from the identity platform's OIDC metadata. */
export interface CloudEnvironmentProbe {
  getCloudEnvironment(): Promise<CloudEnvironment>;
}
