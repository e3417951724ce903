import { loadConfig } from '../../bot/config/config.js';
import { createTenantServices } from '../../bot/wiring/create-tenant-services.js';
import { systemClock } from '../../core/ports/clock.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { sandboxBotEnvironment } from '../../sandbox/index.js';

/** Tenant services (current code) for the sandbox at `sandboxUrl`, to seed policies through its Graph API. */
export function tenantServicesFor(sandboxUrl: string): TenantServices {
  const config = loadConfig({ ...sandboxBotEnvironment(sandboxUrl), PORT: '0' });
  if (!config.tenant) throw new Error('no tenant configuration');
  return createTenantServices({
    tenant: config.tenant,
    adminService: config.adminService,
    log: silentLogger,
    clock: systemClock,
    graphRetryBudgetMs: 30_000,
  });
}

/** `count` EDR policies named "Bench EDR <offset + i>", created through Graph as the bot's create step does. */
export async function createBenchPolicies(tenant: TenantServices, count: number, offset: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await tenant.policies.create({
      kind: 'configmgr-edr',
      profile: 'edr',
      target: 'configmgr',
      name: `Bench EDR ${offset + index}`,
      description: '',
      settings: {},
    });
  }
}
