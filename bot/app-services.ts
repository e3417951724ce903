import type { AuditLog } from '../core/ports/audit-log.js';
import type { Clock } from '../core/ports/clock.js';
import type { Storage } from '../core/ports/storage.js';
import type { RunEngine } from '../core/runs/run-engine.js';
import type { TenantServices } from '../core/tenant-services.js';

/** The core services commands and card verbs run against; built once in the composition root. */
export interface AppServices {
  readonly storage: Storage;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly runs: RunEngine;
  /** Absent when no tenant is configured: commands that need one say so. */
  readonly tenant?: TenantServices;
}
