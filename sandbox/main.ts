import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMaaDialect, isScenarioName } from './constants.js';
import { startSandbox } from './server/start-sandbox.js';

const DEFAULT_PORT = 8443;
/** The bot's default DATA_DIR too: one folder holds the bot's state and the tenant it talks to. */
const DEFAULT_DATA_DIR = './data';
const TENANT_FILE = 'sandbox-tenant.json';

async function main(): Promise<void> {
  const scenario = process.env.SANDBOX_SCENARIO ?? 'fresh';
  if (!isScenarioName(scenario)) throw new Error(`Unknown SANDBOX_SCENARIO '${scenario}'`);
  const maaDialect = process.env.SANDBOX_MAA_DIALECT;
  if (maaDialect !== undefined && maaDialect !== '' && !isMaaDialect(maaDialect)) {
    throw new Error(`Unknown SANDBOX_MAA_DIALECT '${maaDialect}' (doc or field)`);
  }
  const sandbox = await startSandbox({
    ...(maaDialect ? { maaDialect } : {}),
    port: Number(process.env.SANDBOX_PORT ?? DEFAULT_PORT),
    scenario,
    faults: process.env.SANDBOX_FAULTS,
    seed: process.env.SANDBOX_SEED === undefined ? undefined : Number(process.env.SANDBOX_SEED),
    persistence: {
      file: join(process.env.DATA_DIR ?? DEFAULT_DATA_DIR, TENANT_FILE),
      reset: process.env.SANDBOX_RESET === '1',
    },
  });
  if (process.env.SANDBOX_CA_FILE) writeFileSync(process.env.SANDBOX_CA_FILE, sandbox.caCertPem);
  process.stdout.write(
    `${JSON.stringify({ msg: 'sandbox listening', url: sandbox.url, scenario, tenant: sandbox.origin })}\n`,
  );
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ msg: 'sandbox failed to start', error: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exit(1);
});
