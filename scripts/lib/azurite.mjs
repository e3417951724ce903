// Starts Azurite (the Azure Storage emulator) for `npm start` when STORAGE=blob points at the local emulator.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './build.mjs';

const AZURITE_BLOB = `${ROOT}node_modules/azurite/dist/src/blob/main.js`;
const DEV_STORAGE = 'UseDevelopmentStorage=true';
const DEFAULT_BLOB_PORT = 10000;
const READY_TIMEOUT_MS = 30_000;
const LOCAL_BLOB_ENDPOINT = /BlobEndpoint=http:\/\/(?:127\.0\.0\.1|localhost):(\d+)\//i;

/**
 * The emulator port the bot will use, or undefined when the bot does not use the local emulator. STORAGE=blob with
 * neither STORAGE_CONNECTION_STRING nor STORAGE_ACCOUNT_URL means the emulator too; `env` then gets its connection string.
 */
export function localEmulatorPort(env) {
  if (env.STORAGE !== 'blob') return undefined;
  const connectionString = env.STORAGE_CONNECTION_STRING?.trim();
  if (!connectionString && !env.STORAGE_ACCOUNT_URL) {
    env.STORAGE_CONNECTION_STRING = DEV_STORAGE;
    return DEFAULT_BLOB_PORT;
  }
  if (connectionString === DEV_STORAGE) return DEFAULT_BLOB_PORT;
  const match = LOCAL_BLOB_ENDPOINT.exec(connectionString ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Azurite's blob service on 127.0.0.1:`port`, keeping its data under DATA_DIR/azurite. */
export async function startAzurite(supervisor, env, port) {
  if (!existsSync(AZURITE_BLOB))
    throw new Error('STORAGE=blob uses the local emulator, but azurite is not installed (npm install)');
  const location = resolve(ROOT, env.DATA_DIR ?? './data', 'azurite');
  mkdirSync(location, { recursive: true });
  const azurite = supervisor.start(
    'azurite',
    process.execPath,
    [
      AZURITE_BLOB,
      ...['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', location],
      // The SDK speaks a newer API version than Azurite 3.35 (the last on Node 20) knows; telemetry needs the internet.
      ...['--skipApiVersionCheck', '--loose', '--disableTelemetry', '--silent'],
    ],
    { cwd: ROOT, env },
  );
  await azurite.waitForLine((line) => (line.includes('successfully listens on') ? true : undefined), READY_TIMEOUT_MS);
  return `http://127.0.0.1:${port}`;
}
