import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `1500ms`, `90s`, `30m`, `24h`, `7d`, in milliseconds. */
const duration = z
  .string()
  .trim()
  .regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 90s, 30m, 24h or 7d')
  .transform((value) => {
    const [, amount = '0', unit = ''] = /^(\d+)(ms|s|m|h|d)$/.exec(value) ?? [];
    return Number(amount) * (DURATION_UNITS[unit] ?? 0);
  })
  .refine((ms) => ms > 0, 'must be longer than zero');

/** An upstream time limit: bounded, so a hung call always ends, and at most 10 minutes. */
const upstreamTimeout = duration.refine((ms) => ms <= 600_000, 'must be at most 10m');

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every variable the bot reads, with its default. `.env.example` documents each. */
export const environmentSchema = z.object({
  PORT: port.default(3978),
  BIND_HOST: optionalText,
  LOG_LEVEL: logLevel.default('info'),
  /** Which Teams SDK carries the bot: botbuilder (restify + CloudAdapter) or agents (express 5 + Agents SDK). */
  BOT_HOST: z.enum(['botbuilder', 'agents']).default('botbuilder'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),

  STORAGE: z.enum(['file', 'blob']).default('file'),
  STORAGE_CONNECTION_STRING: optionalText,
  STORAGE_ACCOUNT_URL: httpsUrl.optional(),
  STORAGE_CONTAINER: z
    .string()
    .trim()
    .regex(
      /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
      'must be a blob container name: 3-63 lowercase letters, digits and single hyphens',
    )
    .default('attachops'),
  LEASE_DURATION: duration.default(30_000),
  SCHEDULER_TICK: duration.default(15_000),
  ROLLOUT_CHECK_INTERVAL: duration.default(15 * 60_000),

  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppCertificateThumbprint: optionalText,
  MicrosoftAppCertificatePrivateKeyFile: optionalText,

  TENANT_ID: optionalText,
  ALLOWED_TENANT_IDS: z.string().trim().default(''),
  GRAPH_CLIENT_ID: optionalText,
  GRAPH_CLIENT_SECRET: optionalText,
  GRAPH_CLIENT_CERTIFICATE_FILE: optionalText,
  GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com/'),
  AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com/'),
  GRAPH_TIMEOUT: upstreamTimeout.default(60_000),
  WRITE_SETTLE_AFTER_ANSWER: upstreamTimeout.default(10_000),
  UPSTREAM_RETRY_BUDGET: upstreamTimeout.default(60_000),

  ADMINSERVICE_URL: httpsUrl.optional(),
  ADMINSERVICE_AUTH: z.enum(['ntlm', 'bearer']).default('ntlm'),
  ADMINSERVICE_DOMAIN: optionalText,
  ADMINSERVICE_USERNAME: optionalText,
  ADMINSERVICE_PASSWORD: optionalText,
  ADMINSERVICE_SCOPE: optionalText,
  ADMINSERVICE_CA_FILE: optionalText,
  ADMINSERVICE_TIMEOUT: upstreamTimeout.default(60_000),
  ADMINSERVICE_MAX_CONNECTIONS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(64, 'must be at most 64')
    .default(8),
  ADMINSERVICE_IDLE_TIMEOUT: duration.default(60_000),
  OIDC_METADATA_TTL: duration.default(24 * 3_600_000),

  APPROVERS: z.string().trim().default(''),
  APPROVAL_QUORUM: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10, 'must be at most 10')
    .default(1),
  APPROVAL_TTL: duration.default(24 * 3_600_000),
  APPROVALS_CHANNEL: optionalText,
  DRIFT_INTERVAL: duration.default(15 * 60_000),
  DRIFT_CHANNEL: optionalText,
  RUN_RETENTION: duration.default(180 * 24 * 3_600_000),
  RUN_RETENTION_INTERVAL: duration.default(3_600_000),
  ROLE_READERS: z.string().trim().default(''),
  ROLE_OPERATORS: z.string().trim().default(''),
  ROLE_ADMINS: z.string().trim().default(''),
  ROLE_CACHE_TTL: duration.default(5 * 60_000),
});

export type Environment = z.infer<typeof environmentSchema>;
