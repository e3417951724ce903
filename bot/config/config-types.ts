/** The parsed configuration's shape (bot/config/config.ts builds it from the environment). */
import type { PrincipalGrant } from '../../core/access/principal-grant.js';
import type { Environment } from './config-schema.js';

export interface BotFrameworkCredentials {
  readonly appId: string;
  readonly appType: Environment['MicrosoftAppType'];
  readonly tenantId?: string;
  readonly password?: string;
  readonly certificate?: { readonly thumbprint: string; readonly privateKeyFile: string };
}

export interface TenantConfig {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly clientCertificateFile?: string;
  readonly graphBaseUrl: string;
  readonly authorityHost: string;
  /** GRAPH_TIMEOUT: one Graph HTTP attempt; also how long after it started a write may still land. */
  readonly graphTimeoutMs: number;
  /** WRITE_SETTLE_AFTER_ANSWER: a write the service answered 502/503/504 (no Retry-After) is read back this soon. */
  readonly writeSettleAfterAnswerMs: number;
  /** UPSTREAM_RETRY_BUDGET: the whole of one call, retries of transient failures included (Graph and AdminService). */
  readonly retryBudgetMs: number;
  /** The tenant's OpenID metadata (its cloud) is reused this long. */
  readonly oidcMetadataTtlMs: number;
}

export interface AdminServiceConfig {
  readonly baseUrl: string;
  readonly auth: 'ntlm' | 'bearer';
  readonly domain?: string;
  readonly username?: string;
  readonly password?: string;
  readonly scope?: string;
  readonly caFile?: string;
  /** ADMINSERVICE_TIMEOUT: one AdminService HTTP attempt. */
  readonly timeoutMs: number;
  /** UPSTREAM_RETRY_BUDGET. */
  readonly retryBudgetMs: number;
  /** NTLM: connections kept to the provider, each authenticated once. */
  readonly maxConnections: number;
  /** NTLM: an idle connection is closed after this long (keep it below IIS's connectionTimeout, 120 s by default). */
  readonly idleTimeoutMs: number;
}

export interface AccessConfig {
  readonly approvers: readonly PrincipalGrant[];
  readonly quorum: number;
  readonly approvalTtlMs: number;
  readonly approvalsChannel?: string;
  readonly readers: readonly PrincipalGrant[];
  readonly operators: readonly PrincipalGrant[];
  readonly admins: readonly PrincipalGrant[];
  /** How long a person's group memberships are trusted before Azure AD is asked again. */
  readonly membershipCacheMs: number;
}

/** The drift watch: how often every watched policy is looked at, and where its cards go. */
export interface DriftConfig {
  readonly intervalMs: number;
  /** DRIFT_CHANNEL, else the approvals channel; no channel: drift is audited and listed by `drift`, not posted. */
  readonly channel?: string;
}

/** Runs that ended longer ago than RUN_RETENTION are compacted (their audit entries stay), looked at every interval. */
export interface RunRetentionConfig {
  readonly retentionMs: number;
  readonly intervalMs: number;
}

/** Where state, runs and the audit log live: files for one process, or a blob container several instances share. */
export type StorageConfig =
  | { readonly kind: 'file'; readonly dataDir: string }
  | {
      readonly kind: 'blob';
      readonly container: string;
      /** Secret (it holds the account key); never logged. */
      readonly connectionString?: string;
      /** With no connection string: the account's blob endpoint, reached with an Azure identity. */
      readonly accountUrl?: string;
    };

export interface ScaleOutConfig {
  /** How long a run or the scheduler stays owned by an instance that stopped renewing (died). */
  readonly leaseDurationMs: number;
  /** How often the compliance scheduler looks for due subscriptions (and renews its lease). */
  readonly schedulerTickMs: number;
}

export interface Config {
  readonly port: number;
  /** 127.0.0.1 unless Bot Framework credentials are configured. */
  readonly bindHost: string;
  /** The Teams SDK that carries the bot (`BOT_HOST`); both keep the same HTTP contract (bot/hosts/). */
  readonly host: Environment['BOT_HOST'];
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly dataDir: string;
  readonly storage: StorageConfig;
  readonly scaleOut: ScaleOutConfig;
  /** Absent: no traces or metrics are exported (the default). */
  readonly telemetry?: TelemetryConfig;
  /** ROLLOUT_CHECK_INTERVAL: the longest time between two looks at a soaking rollout ring. */
  readonly rolloutCheckIntervalMs: number;
  /** Absent: the endpoint accepts unauthenticated requests, and so listens on loopback only. */
  readonly botFramework?: BotFrameworkCredentials;
  readonly tenant?: TenantConfig;
  readonly adminService?: AdminServiceConfig;
  readonly access: AccessConfig;
  readonly drift: DriftConfig;
  readonly runRetention: RunRetentionConfig;
  /**
   * Tenants whose users the bot serves, normalised: TENANT_ID (the sandbox's tenant when unset) and ALLOWED_TENANT_IDS.
   * Activities from any other tenant, or from none, are refused.
   */
  readonly homeTenantIds: readonly string[];
}

/** Where OpenTelemetry traces and metrics go: Application Insights, or an OTLP/HTTP collector. */
export type TelemetryConfig =
  | { readonly kind: 'azure-monitor'; readonly connectionString: string }
  | { readonly kind: 'otlp'; readonly endpoint: string };
