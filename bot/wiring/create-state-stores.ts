import { join } from 'node:path';
import { DefaultAzureCredential } from '@azure/identity';
import type { BlobServiceClient } from '@azure/storage-blob';
import { createFileAuditLog } from '../../adapters/audit/file-audit-log.js';
import { createStorageAuditLog } from '../../adapters/audit/storage-audit-log.js';
import { blobServiceTime } from '../../adapters/blob/blob-service-time.js';
import { createBlobStorage } from '../../adapters/blob/blob-storage.js';
import { createFileStorage } from '../../adapters/storage/file-storage.js';
import { tracedStorage } from '../../adapters/telemetry/traced-storage.js';
import type { StoreTime } from '../../core/leases/store-time.js';
import type { AuditLog } from '../../core/ports/audit-log.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import type { StorageConfig } from '../config/config.js';

export interface StateStores {
  readonly storage: Storage;
  readonly audit: AuditLog;
  /** True when other instances may use the same stores, so work must be claimed through leases. */
  readonly shared: boolean;
  /** The shared store's own time, on which leases expire (absent for one process's files). */
  readonly storeTime?: StoreTime;
}

/** Files under DATA_DIR for one process, or one blob container that every instance shares. */
export async function createStateStores(
  config: StorageConfig,
  clock: Clock,
  log: Logger,
  instance: string,
  options: { readonly traced?: boolean } = {},
): Promise<StateStores> {
  const wrap = (storage: Storage): Storage => (options.traced ? tracedStorage(storage) : storage);
  if (config.kind === 'file') {
    return {
      storage: wrap(await createFileStorage({ dir: join(config.dataDir, 'store'), logger: log })),
      audit: await createFileAuditLog({ file: join(config.dataDir, 'audit.jsonl'), clock, logger: log }),
      shared: false,
    };
  }
  const container = (await blobService(config)).getContainerClient(config.container);
  const storage = wrap(await createBlobStorage({ container, logger: log }));
  log.info(
    { container: config.container, endpoint: config.accountUrl ?? 'from the connection string' },
    'state in Azure Blob Storage',
  );
  return {
    storage,
    audit: createStorageAuditLog({ storage, clock, writer: instance }),
    shared: true,
    storeTime: blobServiceTime(container),
  };
}

/** Loaded only for STORAGE=blob: the SDK is large, and the default file store should start as fast as before. */
async function blobService(config: Extract<StorageConfig, { kind: 'blob' }>): Promise<BlobServiceClient> {
  const { BlobServiceClient } = await import('@azure/storage-blob');
  if (config.connectionString !== undefined) return BlobServiceClient.fromConnectionString(config.connectionString);
  // Managed identity in Azure (AZURE_CLIENT_ID picks a user-assigned one), a developer's az login elsewhere.
  return new BlobServiceClient(config.accountUrl ?? '', new DefaultAzureCredential());
}
