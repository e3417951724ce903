// Starts the simulated tenant (dist/sandbox/main.js) and returns the bot environment that points at it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ROOT } from './build.mjs';

const SANDBOX_MAIN = `${ROOT}dist/sandbox/main.js`;
const SANDBOX_EXPORTS = `${ROOT}dist/sandbox/index.js`;
const DEFAULT_CA_FILE = `${ROOT}.sandbox/sandbox-ca.pem`;
const READY_TIMEOUT_MS = 30_000;

export function sandboxAvailable() {
  return existsSync(SANDBOX_MAIN) && existsSync(SANDBOX_EXPORTS);
}

/** The `url` of the sandbox's one JSON "listening" line, or undefined for any other line. */
export function listeningUrl(line) {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line);
    return typeof parsed.url === 'string' ? parsed.url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bot variables for a sandbox listening at `url` whose CA certificate is in `caFile`: the sandbox's own list
 * (sandbox/bot-environment.ts, from `exports`, the built sandbox/index.js), with the demo role assignments only where the
 * operator has not set the variable, and the certificate trusted.
 */
export function sandboxBotEnvironment(url, caFile, exports, env = process.env) {
  const origin = `https://127.0.0.1:${new URL(url).port}`;
  const variables = exports.sandboxBotEnvironment(origin);
  for (const name of Object.keys(exports.SANDBOX_ACCESS_ENV ?? {})) if (env[name] !== undefined) delete variables[name];
  return { ...variables, NODE_EXTRA_CA_CERTS: caFile, ADMINSERVICE_CA_FILE: caFile };
}

/**
 * Starts the sandbox under `supervisor`; SANDBOX_PORT, SANDBOX_SCENARIO, SANDBOX_FAULTS, SANDBOX_SEED and
 * SANDBOX_MAA_DIALECT pass through.
 */
export async function startSandbox(supervisor, env) {
  const caFile = resolve(ROOT, env.SANDBOX_CA_FILE ?? DEFAULT_CA_FILE);
  mkdirSync(dirname(caFile), { recursive: true });
  const sandbox = supervisor.start('sandbox', process.execPath, [SANDBOX_MAIN], {
    cwd: ROOT,
    env: { ...env, SANDBOX_CA_FILE: caFile },
  });
  const url = await sandbox.waitForLine(listeningUrl, READY_TIMEOUT_MS);
  const tenant = await import(SANDBOX_EXPORTS);
  return { url, botEnvironment: sandboxBotEnvironment(url, caFile, tenant) };
}
