import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const READY_TIMEOUT_MS = 60_000;
const SANDBOX_CHILD = fileURLToPath(new URL('./sandbox-child.js', import.meta.url));

/** One version of AttachOps as `npm start` runs it: its sandbox and its bot (dist/bot/main.js), each a process. */
export interface VersionStack {
  readonly name: string;
  readonly botUrl: string;
  readonly sandboxUrl: string;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** HTTP requests the sandbox logged since the last DELETE /_sandbox/requests, without control calls or batch items. */
  upstreamRequests(): Promise<number>;
  close(): Promise<void>;
}

const sandboxLine = z.object({ url: z.string(), botEnvironment: z.record(z.string(), z.string()) });
/** `inBatch`: an item of a Graph `$batch` the sandbox logs besides the `$batch` request itself (not an HTTP request). */
const requestLog = z.object({ requests: z.array(z.object({ path: z.string(), inBatch: z.boolean().optional() })) });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function logTail(file: string): string {
  return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
}

async function firstLine(child: ChildProcess, logFile: string): Promise<string> {
  if (!child.stdout) throw new Error('sandbox child without stdout');
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`sandbox exited (${code}) before it listened:\n${logTail(logFile)}`)),
    ),
  );
  const line = new Promise<string>((resolve) => lines.once('line', resolve));
  try {
    return await Promise.race([line, exited]);
  } finally {
    lines.close();
    child.stdout.resume();
  }
}

async function waitForReady(url: string, bot: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`bot exited (${bot.exitCode}) while starting:\n${logTail(logFile)}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bot not ready at ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(logFile)}`);
}

const stopped = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });

/**
 * Starts `sandboxRoot`'s sandbox (through sandbox-child.js) and `root`'s bot with the environment `npm start` gives the
 * bot in that version: file state in `workDir/name`, its default log level, output to `workDir/name.log`. `track` gets every child
 * so the caller can kill them if it exits early.
 */
export async function startVersionStack(
  name: string,
  root: string,
  sandboxRoot: string,
  workDir: string,
  track: (child: ChildProcess) => void,
): Promise<VersionStack> {
  const logFile = join(workDir, `${name}.log`);
  const dataDir = join(workDir, name);
  mkdirSync(dataDir, { recursive: true });
  const log = openSync(logFile, 'a');
  const sandbox = spawn(process.execPath, [SANDBOX_CHILD, sandboxRoot, root], { stdio: ['ignore', 'pipe', log] });
  track(sandbox);
  const children = [sandbox];
  const close = async (): Promise<void> => {
    await Promise.all(children.map(stopped));
    closeSync(log);
  };
  try {
    const { url: sandboxUrl, botEnvironment } = sandboxLine.parse(JSON.parse(await firstLine(sandbox, logFile)));
    const port = await freePort();
    const bot = spawn(process.execPath, [join(root, 'dist/bot/main.js')], {
      cwd: root,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...botEnvironment, PORT: String(port), DATA_DIR: dataDir },
    });
    track(bot);
    children.push(bot);
    const botUrl = `http://127.0.0.1:${port}`;
    await waitForReady(botUrl, bot, logFile);
    const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${sandboxUrl}/_sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${name} sandbox: ${method} ${path} answered ${response.status}: ${text}`);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    };
    return {
      name,
      botUrl,
      sandboxUrl,
      control,
      upstreamRequests: async () =>
        requestLog
          .parse(await control('GET', 'requests'))
          .requests.filter((r) => !r.path.startsWith('/_sandbox/') && r.inBatch !== true).length,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
