import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

/** Starting takes a few seconds alone and much longer on a loaded 2-core CI machine. */
const READY_TIMEOUT_MS = 90_000;

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
  /** What the process wrote to stderr, for failure messages. */
  stderr(): string;
  post(activity: unknown): Promise<{ status: number; body: string }>;
}

/** `tsc -p tsconfig.json` into dist/, as `npm start` does before it runs the bot. */
export async function buildBot(): Promise<void> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: ROOT,
  }).catch((error: unknown) => {
    throw new Error(`the build failed: ${String((error as { stdout?: unknown }).stdout ?? error)}`);
  });
}

/** dist/bot/main.js on a free loopback port with only `env` (plus PATH), ready when this resolves. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/bot/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_EXTRA_CA_CERTS: process.env.TEST_SANDBOX_CERT_FILE ?? '',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const bot: BotProcess = {
    child,
    url,
    exited,
    stderr: () => stderr,
    async post(activity) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
  };
  await waitUntil(
    async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true,
    READY_TIMEOUT_MS,
    () => `the bot to be ready (stderr: ${stderr})`,
  );
  return bot;
}

/** Polls `condition` every 50 ms: a synchronization point, not a sleep. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
