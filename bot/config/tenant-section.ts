import { normalizeObjectId } from '../../core/identity/object-id.js';
import type { TenantConfig } from './config-types.js';
import type { Environment } from './config-schema.js';

/**
 * The tenant served when TENANT_ID is unset: the sandbox's and the Agents Playground's (bot/ must not import sandbox/;
 * test/unit/bot/config.test.ts keeps the two equal).
 */
export const UNCONFIGURED_HOME_TENANT_ID = '00000000-0000-0000-0000-000000000001';

export function tenantProblems(values: Environment): string[] {
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

export function tenantConfig(values: Environment): TenantConfig | undefined {
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

function allowedTenantEntries(values: Environment): string[] {
  return values.ALLOWED_TENANT_IDS.split(/[,;\s]+/).filter((entry) => entry !== '');
}

export function tenantIdProblems(values: Environment): string[] {
  const problems = allowedTenantEntries(values).flatMap((entry, index) =>
    normalizeObjectId(entry) === undefined ? [`ALLOWED_TENANT_IDS entry ${index + 1} is not a tenant id (a GUID)`] : [],
  );
  if (values.TENANT_ID !== undefined && normalizeObjectId(values.TENANT_ID) === undefined)
    problems.push('TENANT_ID is not a tenant id (a GUID)');
  return problems;
}

export function homeTenantIds(values: Environment): string[] {
  const home = normalizeObjectId(values.TENANT_ID ?? UNCONFIGURED_HOME_TENANT_ID);
  const allowed = allowedTenantEntries(values).map((entry) => normalizeObjectId(entry));
  return [...new Set([home, ...allowed].filter((id): id is string => id !== undefined))];
}
