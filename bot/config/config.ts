import { parsePrincipalGrants, type PrincipalGrant } from '../../core/access/principal-grant.js';
import { normalizeObjectId } from '../../core/identity/object-id.js';
import { environmentSchema, type Environment } from './config-schema.js';

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

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK = '127.0.0.1';
/**
 * The tenant served when TENANT_ID is unset: the sandbox's and the Agents Playground's (bot/ must not import sandbox/;
 * test/unit/bot/config.test.ts keeps the two equal).
 */
export const UNCONFIGURED_HOME_TENANT_ID = '00000000-0000-0000-0000-000000000001';

/** Parses the environment into a frozen config; names every offending variable, never its value. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const values = parsed.data;
  const grants = GRANT_VARIABLES.map((name) => ({ name, ...parsePrincipalGrants(values[name]) }));
  const problems = [
    ...botFrameworkProblems(values),
    ...tenantProblems(values),
    ...adminServiceProblems(values),
    ...tenantIdProblems(values),
    ...storageProblems(values),
    ...grants.flatMap(({ name, problems: found }) => found.map((problem) => `${name} ${problem}`)),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  const grantsOf = (name: GrantVariable): PrincipalGrant[] => grants.find((entry) => entry.name === name)?.grants ?? [];

  const botFramework = botFrameworkCredentials(values);
  return deepFreeze({
    port: values.PORT,
    bindHost: botFramework ? (values.BIND_HOST ?? '0.0.0.0') : LOOPBACK,
    host: values.BOT_HOST,
    logLevel: values.LOG_LEVEL,
    dataDir: values.DATA_DIR,
    storage: storageConfig(values),
    ...telemetryConfig(values),
    scaleOut: { leaseDurationMs: values.LEASE_DURATION, schedulerTickMs: values.SCHEDULER_TICK },
    runRetention: { retentionMs: values.RUN_RETENTION, intervalMs: values.RUN_RETENTION_INTERVAL },
    drift: {
      intervalMs: values.DRIFT_INTERVAL,
      ...((values.DRIFT_CHANNEL ?? values.APPROVALS_CHANNEL)
        ? { channel: values.DRIFT_CHANNEL ?? values.APPROVALS_CHANNEL }
        : {}),
    },
    rolloutCheckIntervalMs: values.ROLLOUT_CHECK_INTERVAL,
    botFramework,
    tenant: tenantConfig(values),
    adminService: adminServiceConfig(values),
    access: {
      approvers: grantsOf('APPROVERS'),
      quorum: values.APPROVAL_QUORUM,
      approvalTtlMs: values.APPROVAL_TTL,
      approvalsChannel: values.APPROVALS_CHANNEL,
      readers: grantsOf('ROLE_READERS'),
      operators: grantsOf('ROLE_OPERATORS'),
      admins: grantsOf('ROLE_ADMINS'),
      membershipCacheMs: values.ROLE_CACHE_TTL,
    },
    homeTenantIds: homeTenantIds(values),
  });
}

function allowedTenantEntries(values: Environment): string[] {
  return values.ALLOWED_TENANT_IDS.split(/[,;\s]+/).filter((entry) => entry !== '');
}

function tenantIdProblems(values: Environment): string[] {
  const problems = allowedTenantEntries(values).flatMap((entry, index) =>
    normalizeObjectId(entry) === undefined ? [`ALLOWED_TENANT_IDS entry ${index + 1} is not a tenant id (a GUID)`] : [],
  );
  if (values.TENANT_ID !== undefined && normalizeObjectId(values.TENANT_ID) === undefined)
    problems.push('TENANT_ID is not a tenant id (a GUID)');
  return problems;
}

function homeTenantIds(values: Environment): string[] {
  const home = normalizeObjectId(values.TENANT_ID ?? UNCONFIGURED_HOME_TENANT_ID);
  const allowed = allowedTenantEntries(values).map((entry) => normalizeObjectId(entry));
  return [...new Set([home, ...allowed].filter((id): id is string => id !== undefined))];
}

const GRANT_VARIABLES = ['APPROVERS', 'ROLE_READERS', 'ROLE_OPERATORS', 'ROLE_ADMINS'] as const;
type GrantVariable = (typeof GRANT_VARIABLES)[number];

function botFrameworkProblems(values: Environment): string[] {
  const problems: string[] = [];
  const hasSecret = values.MicrosoftAppPassword !== undefined;
  const hasCertificate =
    values.MicrosoftAppCertificateThumbprint !== undefined ||
    values.MicrosoftAppCertificatePrivateKeyFile !== undefined;
  if (values.MicrosoftAppId === undefined) {
    if (hasSecret || hasCertificate)
      problems.push('MicrosoftAppId is required when an app secret or certificate is set');
    if (values.BIND_HOST !== undefined) {
      problems.push(
        'BIND_HOST can only be set with Bot Framework credentials (without them the bot listens on 127.0.0.1)',
      );
    }
    return problems;
  }
  if (values.MicrosoftAppType === 'UserAssignedMSI') return problems;
  if (!hasSecret && !hasCertificate) {
    problems.push(
      'MicrosoftAppPassword (or MicrosoftAppCertificateThumbprint with MicrosoftAppCertificatePrivateKeyFile) is required with MicrosoftAppId',
    );
  }
  if (
    hasCertificate &&
    (values.MicrosoftAppCertificateThumbprint === undefined ||
      values.MicrosoftAppCertificatePrivateKeyFile === undefined)
  ) {
    problems.push('MicrosoftAppCertificateThumbprint and MicrosoftAppCertificatePrivateKeyFile go together');
  }
  if (values.MicrosoftAppType === 'SingleTenant' && values.MicrosoftAppTenantId === undefined) {
    problems.push('MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  if (hasCertificate && values.BOT_HOST === 'agents') {
    // The Agents SDK's certificate connection reads a certificate PEM file (certPemFile), not a thumbprint; not mapped yet.
    problems.push(
      'MicrosoftAppCertificateThumbprint/MicrosoftAppCertificatePrivateKeyFile work with BOT_HOST=botbuilder only; use MicrosoftAppPassword or UserAssignedMSI with BOT_HOST=agents',
    );
  }
  return problems;
}

function botFrameworkCredentials(values: Environment): BotFrameworkCredentials | undefined {
  if (values.MicrosoftAppId === undefined) return undefined;
  const certificate =
    values.MicrosoftAppCertificateThumbprint && values.MicrosoftAppCertificatePrivateKeyFile
      ? {
          thumbprint: values.MicrosoftAppCertificateThumbprint,
          privateKeyFile: values.MicrosoftAppCertificatePrivateKeyFile,
        }
      : undefined;
  return {
    appId: values.MicrosoftAppId,
    appType: values.MicrosoftAppType,
    tenantId: values.MicrosoftAppTenantId,
    password: values.MicrosoftAppPassword,
    certificate,
  };
}

function tenantProblems(values: Environment): string[] {
  const any =
    values.TENANT_ID ?? values.GRAPH_CLIENT_ID ?? values.GRAPH_CLIENT_SECRET ?? values.GRAPH_CLIENT_CERTIFICATE_FILE;
  if (any === undefined) return [];
  const problems: string[] = [];
  if (values.TENANT_ID === undefined) problems.push('TENANT_ID is required when a Graph app is configured');
  if (values.GRAPH_CLIENT_ID === undefined) problems.push('GRAPH_CLIENT_ID is required when TENANT_ID is set');
  if (values.GRAPH_CLIENT_SECRET === undefined && values.GRAPH_CLIENT_CERTIFICATE_FILE === undefined) {
    problems.push('GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_FILE is required when TENANT_ID is set');
  }
  return problems;
}

function tenantConfig(values: Environment): TenantConfig | undefined {
  if (values.TENANT_ID === undefined || values.GRAPH_CLIENT_ID === undefined) return undefined;
  return {
    tenantId: values.TENANT_ID,
    clientId: values.GRAPH_CLIENT_ID,
    clientSecret: values.GRAPH_CLIENT_SECRET,
    clientCertificateFile: values.GRAPH_CLIENT_CERTIFICATE_FILE,
    graphBaseUrl: values.GRAPH_BASE_URL,
    authorityHost: values.AUTHORITY_HOST,
    graphTimeoutMs: values.GRAPH_TIMEOUT,
    writeSettleAfterAnswerMs: values.WRITE_SETTLE_AFTER_ANSWER,
    retryBudgetMs: values.UPSTREAM_RETRY_BUDGET,
    oidcMetadataTtlMs: values.OIDC_METADATA_TTL,
  };
}

function adminServiceProblems(values: Environment): string[] {
  if (values.ADMINSERVICE_URL === undefined) return [];
  if (values.ADMINSERVICE_AUTH === 'bearer') {
    return values.ADMINSERVICE_SCOPE === undefined
      ? ['ADMINSERVICE_SCOPE is required when ADMINSERVICE_AUTH is bearer']
      : [];
  }
  return ['ADMINSERVICE_USERNAME', 'ADMINSERVICE_PASSWORD']
    .filter((name) => values[name as 'ADMINSERVICE_USERNAME' | 'ADMINSERVICE_PASSWORD'] === undefined)
    .map((name) => `${name} is required when ADMINSERVICE_AUTH is ntlm`);
}

function adminServiceConfig(values: Environment): AdminServiceConfig | undefined {
  if (values.ADMINSERVICE_URL === undefined) return undefined;
  return {
    baseUrl: values.ADMINSERVICE_URL,
    auth: values.ADMINSERVICE_AUTH,
    domain: values.ADMINSERVICE_DOMAIN,
    username: values.ADMINSERVICE_USERNAME,
    password: values.ADMINSERVICE_PASSWORD,
    scope: values.ADMINSERVICE_SCOPE,
    caFile: values.ADMINSERVICE_CA_FILE,
    timeoutMs: values.ADMINSERVICE_TIMEOUT,
    retryBudgetMs: values.UPSTREAM_RETRY_BUDGET,
    maxConnections: values.ADMINSERVICE_MAX_CONNECTIONS,
    idleTimeoutMs: values.ADMINSERVICE_IDLE_TIMEOUT,
  };
}

function storageProblems(values: Environment): string[] {
  const problems: string[] = [];
  const hasConnectionString = values.STORAGE_CONNECTION_STRING !== undefined;
  const hasAccountUrl = values.STORAGE_ACCOUNT_URL !== undefined;
  if (values.STORAGE === 'file' && (hasConnectionString || hasAccountUrl)) {
    problems.push('STORAGE_CONNECTION_STRING and STORAGE_ACCOUNT_URL need STORAGE=blob (the default is file)');
  }
  if (values.STORAGE === 'blob' && hasConnectionString === hasAccountUrl) {
    problems.push('STORAGE=blob needs exactly one of STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL');
  }
  if (values.LEASE_DURATION < 2 * values.SCHEDULER_TICK) {
    problems.push('LEASE_DURATION must be at least twice SCHEDULER_TICK, so the scheduler renews its lease in time');
  }
  return problems;
}

function storageConfig(values: Environment): StorageConfig {
  if (values.STORAGE === 'file') return { kind: 'file', dataDir: values.DATA_DIR };
  return {
    kind: 'blob',
    container: values.STORAGE_CONTAINER,
    connectionString: values.STORAGE_CONNECTION_STRING,
    accountUrl: values.STORAGE_ACCOUNT_URL,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}

function telemetryConfig(values: Environment): { telemetry?: TelemetryConfig } {
  if (values.APPLICATIONINSIGHTS_CONNECTION_STRING !== undefined) {
    return { telemetry: { kind: 'azure-monitor', connectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING } };
  }
  if (values.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined) {
    return { telemetry: { kind: 'otlp', endpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT } };
  }
  return {};
}
