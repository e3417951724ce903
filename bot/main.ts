import { otelRunTracing } from '../adapters/telemetry/otel-run-tracing.js';
import { systemClock } from '../core/ports/clock.js';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createLogger } from './create-logger.js';
import { startBot } from './start-bot.js';
import { startTelemetry } from './telemetry/start-telemetry.js';
import { createAppServices } from './wiring/create-app-services.js';
import { instanceName, leasedScaleOut, singleInstance } from './wiring/create-scale-out.js';
import { createStateStores } from './wiring/create-state-stores.js';
import { createTenantServices } from './wiring/create-tenant-services.js';

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const instance = instanceName();
  const telemetry = await startTelemetry(config.telemetry, instance);
  if (config.telemetry) log.info({ exporter: config.telemetry.kind }, 'OpenTelemetry traces and metrics on');
  const { storage, audit, storeTime } = await createStateStores(config.storage, systemClock, log, instance, {
    traced: config.telemetry !== undefined,
  });
  const scaleOut = storeTime ? leasedScaleOut(storage, storeTime, config.scaleOut, log, instance) : singleInstance;
  const tenant = config.tenant
    ? createTenantServices({ tenant: config.tenant, adminService: config.adminService, log, clock: systemClock })
    : undefined;
  if (!tenant) log.warn({}, 'no tenant configured: commands that read or change a tenant will say so');
  const services = createAppServices({
    storage,
    audit,
    clock: systemClock,
    log,
    tenant,
    access: config.access,
    ownership: scaleOut.ownership,
    rolloutCheckIntervalMs: config.rolloutCheckIntervalMs,
    ...(config.telemetry ? { tracing: otelRunTracing } : {}),
    ...(config.tenant
      ? {
          writeSettleMs: config.tenant.graphTimeoutMs,
          writeSettleAfterAnswerMs: config.tenant.writeSettleAfterAnswerMs,
        }
      : {}),
  });
  const bot = await startBot({ config, services, log, scaleOut });

  const stop = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'shutting down');
    bot
      .close()
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`AttachOps cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`AttachOps failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
