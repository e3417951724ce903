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

/** Bot variables for a sandbox listening at `url` whose CA certificate is in `caFile`. */
export function sandboxBotEnvironment(
  url,
  caFile,
  { SANDBOX_TENANT_ID, SANDBOX_APP, SANDBOX_ADMINSERVICE_USER, SANDBOX_ACCESS_ENV = {} },
  env = process.env,
) {
  const origin = `https://127.0.0.1:${new URL(url).port}`;
  const demoAccess = Object.fromEntries(Object.entries(SANDBOX_ACCESS_ENV).filter(([name]) => env[name] === undefined));
  return {
    ...demoAccess,
    NODE_EXTRA_CA_CERTS: caFile,
    TENANT_ID: SANDBOX_TENANT_ID,
    GRAPH_CLIENT_ID: SANDBOX_APP.clientId,
    GRAPH_CLIENT_SECRET: SANDBOX_APP.clientSecret,
    GRAPH_BASE_URL: `${origin}/graph/`,
    AUTHORITY_HOST: `${origin}/login/`,
    ADMINSERVICE_URL: `${origin}/adminservice/`,
    ADMINSERVICE_AUTH: 'ntlm',
    ADMINSERVICE_DOMAIN: SANDBOX_ADMINSERVICE_USER.domain,
    ADMINSERVICE_USERNAME: SANDBOX_ADMINSERVICE_USER.username,
    ADMINSERVICE_PASSWORD: SANDBOX_ADMINSERVICE_USER.password,
    ADMINSERVICE_CA_FILE: caFile,
  };
}

/** Starts the sandbox under `supervisor`; SANDBOX_PORT, SANDBOX_SCENARIO, SANDBOX_FAULTS and SANDBOX_SEED pass through. */
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
