import { loadConfig } from '../../bot/config/config.js';
import { createTenantServices } from '../../bot/wiring/create-tenant-services.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { sandboxBotEnvironment } from '../../sandbox/index.js';

/** The tenant services the bot would build for a sandbox at `url`: the real Graph and AdminService adapters. */
export function sandboxTenantServices(url: string): TenantServices {
  const config = loadConfig(sandboxBotEnvironment(url));
  if (!config.tenant) throw new Error('no tenant configuration');
  return createTenantServices({
    tenant: config.tenant,
    adminService: config.adminService,
    log: silentLogger,
    clock: systemClock,
    graphRetryBudgetMs: 30_000,
  });
}
