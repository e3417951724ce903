import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The checkout's root, from dist/bench/support/. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
/** Azurite's public development account (azurite's dist/src/common/utils/constants.js); not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Child {
  readonly process: ChildProcess;
  readonly exited: Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

function child(args: string[], env: Record<string, string>): Child {
  const process_ = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  process_.stdout?.on('data', collect);
  process_.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => process_.once('exit', () => resolve()));
  return {
    process: process_,
    exited,
    output: () => output,
    async stop() {
      process_.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitUntil(condition: () => Promise<boolean>, what: string, exited: Child): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void exited.exited.then(() => {
    gone = true;
  });
  while (!(await condition())) {
    if (gone) throw new Error(`${what} exited: ${exited.output().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${exited.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** An in-memory Azurite blob service in its own process; resolves with its connection string. */
export async function startLoadAzurite(): Promise<Child & { connectionString: string }> {
  const port = await freePort();
  const azurite = child(
    [
      `${ROOT}node_modules/azurite/dist/src/blob/main.js`,
      ...['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--skipApiVersionCheck'],
      ...['--loose', '--disableTelemetry', '--silent'],
    ],
    { PATH: process.env.PATH ?? '' },
  );
  await waitUntil(async () => azurite.output().includes('successfully listens on'), 'azurite', azurite);
  const endpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  return {
    ...azurite,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=${endpoint};`,
  };
}

/** The sandbox tenant in its own process (bench/support/sandbox-child.ts), with the bot variables `npm start` uses. */
export async function startSandboxProcess(): Promise<Child & { url: string; botEnvironment: Record<string, string> }> {
  const sandbox = child([`${ROOT}dist/bench/support/sandbox-child.js`, ROOT, ROOT], {
    PATH: process.env.PATH ?? '',
    ATTACHOPS_BENCH_CERT: process.env.ATTACHOPS_BENCH_CERT ?? '',
    ATTACHOPS_BENCH_KEY: process.env.ATTACHOPS_BENCH_KEY ?? '',
  });
  let line: { url: string; botEnvironment: Record<string, string> } | undefined;
  await waitUntil(
    async () => {
      const first = sandbox
        .output()
        .split('\n')
        .find((text) => text.startsWith('{"url"'));
      if (first !== undefined) line = JSON.parse(first) as typeof line;
      return line !== undefined;
    },
    'the sandbox',
    sandbox,
  );
  if (!line) throw new Error('the sandbox printed no url');
  return { ...sandbox, ...line };
}

export interface BotChild extends Child {
  readonly url: string;
  /** Resident set size in MB, from /proc/<pid>/status (VmRSS). */
  rssMb(): Promise<number>;
  /** pino lines at level error or above (50+) the bot wrote so far. */
  errorLines(): string[];
}

/** `node dist/bot/main.js` (the built bot as `npm start` runs it) on a free port, ready when /readyz answers. */
export async function startBotChild(env: Record<string, string>): Promise<BotChild> {
  const port = await freePort();
  const bot = child([`${ROOT}dist/bot/main.js`], {
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'warn',
    // Diagnostics only (e.g. `--heapsnapshot-signal=SIGUSR2`): the bench passes its own NODE_OPTIONS on to the bots.
    ...(process.env.BENCH_BOT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_BOT_NODE_OPTIONS } : {}),
    ...env,
    PORT: String(port),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, 'the bot', bot);
  return {
    ...bot,
    url,
    async rssMb() {
      const status = await readFile(`/proc/${bot.process.pid ?? 0}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    errorLines: () =>
      bot
        .output()
        .split('\n')
        .filter((text) => /"level":(5\d|60)\b/.test(text)),
  };
}
