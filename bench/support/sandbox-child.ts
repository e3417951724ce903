/**
 * A sandbox tenant in its own process: `node sandbox-child.js <sandbox root> <bot root>` imports the built sandbox of
 * one checkout (dist/sandbox/index.js) and the bot variables of the other's `npm start` launcher
 * (scripts/lib/sandbox.mjs), starts the `ready` scenario with seed 7 on the certificate in ATTACHOPS_BENCH_CERT/KEY, and
 * prints one JSON line: { url, botEnvironment }. Both files have kept these entry points since before issue 16.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface SandboxModule {
  startSandbox(options: {
    scenario: string;
    seed: number;
    tls: { certPem: string; keyPem: string };
  }): Promise<{ url: string; close(): Promise<void> }>;
}

interface LauncherModule {
  sandboxBotEnvironment(url: string, caFile: string, exports: unknown, env: Record<string, string>): unknown;
}

const [sandboxRoot, botRoot] = process.argv.slice(2);
const certFile = process.env.ATTACHOPS_BENCH_CERT;
const keyFile = process.env.ATTACHOPS_BENCH_KEY;
if (sandboxRoot === undefined || botRoot === undefined || certFile === undefined || keyFile === undefined)
  throw new Error(
    'usage: ATTACHOPS_BENCH_CERT=... ATTACHOPS_BENCH_KEY=... node sandbox-child.js <sandbox root> <bot root>',
  );

const load = async (root: string, path: string): Promise<unknown> => import(pathToFileURL(join(root, path)).href);
const sandboxModule = (await load(sandboxRoot, 'dist/sandbox/index.js')) as SandboxModule;
const launcher = (await load(botRoot, 'scripts/lib/sandbox.mjs')) as LauncherModule;
const sandbox = await sandboxModule.startSandbox({
  scenario: 'ready',
  seed: 7,
  tls: { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') },
});
// An empty operator environment: the demo role assignments are all kept, as for a fresh `npm start`.
const botEnvironment = launcher.sandboxBotEnvironment(sandbox.url, certFile, sandboxModule, {});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, botEnvironment })}\n`);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void sandbox.close().then(() => process.exit(0)));
