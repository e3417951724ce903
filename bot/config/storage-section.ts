import type { StorageConfig, TelemetryConfig } from './config-types.js';
import type { Environment } from './config-schema.js';

export function storageProblems(values: Environment): string[] {
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

export function storageConfig(values: Environment): StorageConfig {
  if (values.STORAGE === 'file') return { kind: 'file', dataDir: values.DATA_DIR };
  return {
    kind: 'blob',
    container: values.STORAGE_CONTAINER,
    connectionString: values.STORAGE_CONNECTION_STRING,
    accountUrl: values.STORAGE_ACCOUNT_URL,
  };
}

export function telemetryConfig(values: Environment): { telemetry?: TelemetryConfig } {
  if (values.APPLICATIONINSIGHTS_CONNECTION_STRING !== undefined) {
    return { telemetry: { kind: 'azure-monitor', connectionString: values.APPLICATIONINSIGHTS_CONNECTION_STRING } };
  }
  if (values.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined) {
    return { telemetry: { kind: 'otlp', endpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT } };
  }
  return {};
}
