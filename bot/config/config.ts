import { parsePrincipalGrants, type PrincipalGrant } from '../../core/access/principal-grant.js';
import { adminServiceConfig, adminServiceProblems } from './admin-service-section.js';
import { botFrameworkCredentials, botFrameworkProblems } from './bot-framework-section.js';
import { environmentSchema } from './config-schema.js';
import type { Config } from './config-types.js';
import { storageConfig, storageProblems, telemetryConfig } from './storage-section.js';
import { homeTenantIds, tenantConfig, tenantIdProblems, tenantProblems } from './tenant-section.js';

export type * from './config-types.js';
export { UNCONFIGURED_HOME_TENANT_ID } from './tenant-section.js';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK = '127.0.0.1';

const GRANT_VARIABLES = ['APPROVERS', 'ROLE_READERS', 'ROLE_OPERATORS', 'ROLE_ADMINS'] as const;
type GrantVariable = (typeof GRANT_VARIABLES)[number];

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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
