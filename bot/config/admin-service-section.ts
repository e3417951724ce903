import type { AdminServiceConfig } from './config-types.js';
import type { Environment } from './config-schema.js';

export function adminServiceProblems(values: Environment): string[] {
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

export function adminServiceConfig(values: Environment): AdminServiceConfig | undefined {
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
