import type { AuditLog } from '../../core/ports/audit-log.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import { RunEngine } from '../../core/runs/run-engine.js';
import type { VerifyPolicy } from '../../core/runs/verify-policy.js';
import type { TenantServices } from '../../core/tenant-services.js';
import type { AppServices } from '../app-services.js';
import { stepHandlers } from './step-handlers.js';

export interface ServiceParts {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly log: Logger;
  readonly tenant?: TenantServices;
  readonly verifyPolicy?: VerifyPolicy;
}

/** Core services over the given storage, audit log and tenant ports. */
export function createAppServices(parts: ServiceParts): AppServices {
  const runs = new RunEngine({
    storage: parts.storage,
    audit: parts.audit,
    clock: parts.clock,
    log: parts.log.child({ component: 'runs' }),
    handlers: stepHandlers(parts.tenant),
    verifyPolicy: parts.verifyPolicy,
  });
  return { storage: parts.storage, audit: parts.audit, clock: parts.clock, runs, tenant: parts.tenant };
}
