import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expectHost, hostEnv } from './host-env.js';
import { freePort } from './free-port.js';
import { checkInvokeAnswer } from './sent-card-leaks.js';

/** Starting takes a few seconds alone and much longer on a loaded 2-core CI machine. */
const READY_TIMEOUT_MS = 90_000;

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
  /** What the process wrote to stderr so far (warnings and errors at LOG_LEVEL warn). */
  stderr(): string;
}

/**
 * `npm run build` once per test run, however many files need the built bot: the first caller builds under a lock
 * directory keyed by the vitest process, the others wait for its marker. tsc takes long on a loaded machine.
 */
export async function buildOnce(): Promise<void> {
  const key = `attachops-build-${process.ppid}`;
  const lock = join(tmpdir(), key);
  const marker = join(tmpdir(), `${key}.done`);
  const failed = join(tmpdir(), `${key}.failed`);
  try {
    await mkdir(lock);
  } catch {
    await waitUntil(
      async () => (await exists(marker)) || (await exists(failed)),
      300_000,
      'the build by another test file',
    );
    if (await exists(failed)) throw new Error(`the build failed: ${await readFile(failed, 'utf8')}`);
    return;
  }
  try {
    await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      {
        cwd: ROOT,
      },
    );
    await writeFile(marker, 'ok');
  } catch (error) {
    const output = String((error as { stdout?: unknown }).stdout ?? error);
    await writeFile(failed, output);
    throw new Error(`the build failed: ${output}`, { cause: error });
  }
}

/** `node dist/bot/main.js` on a free loopback port, ready when /readyz answers. */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/bot/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      NODE_EXTRA_CA_CERTS: process.env.TEST_SANDBOX_CERT_FILE ?? '',
      ...hostEnv(),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const bot: BotProcess = { child, url: `http://127.0.0.1:${port}`, exited, stderr: () => stderr };
  let exitedEarly = false;
  void exited.then(() => {
    exitedEarly = true;
  });
  await waitUntil(
    async () => exitedEarly || (await fetch(`${bot.url}/readyz`).catch(() => undefined))?.ok === true,
    READY_TIMEOUT_MS,
    'the bot to be ready',
  ).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${String(error)}; its stderr: ${stderr.slice(-2000)}`, { cause: error });
  });
  if (exitedEarly) throw new Error(`the bot exited at start: ${stderr.slice(-2000)}`);
  await expectHost(bot.url);
  return bot;
}

export async function kill(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGKILL');
  await bot.exited;
}

export async function postActivity(bot: BotProcess, activity: unknown): Promise<{ status: number; body: string }> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const body = await response.text();
  checkInvokeAnswer(activity, parsedOrText(body));
  return { status: response.status, body };
}

/** Every item of the bot's file storage whose key starts with `prefix`, as the bot last wrote it. */
export async function storedValues(dataDir: string, prefix: string): Promise<unknown[]> {
  const dir = join(dataDir, 'store');
  const names = await readdir(dir).catch(() => [] as string[]);
  const values: unknown[] = [];
  for (const name of names.filter((file) => file.endsWith('.json'))) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    try {
      const item = JSON.parse(text) as { key?: string; value?: unknown };
      if (item.key?.startsWith(prefix)) values.push(item.value);
    } catch {
      // a file being replaced right now: the next poll reads it
    }
  }
  return values;
}

/** Polls `condition` every 25 ms: a synchronization point, not a sleep. `what` may be computed when it times out. */
export async function waitUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
