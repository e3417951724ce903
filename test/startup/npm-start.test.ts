import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { expectHost } from '../support/host-env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// `npm start` compiles with tsc first; on two busy cores that alone has taken over a minute.
const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 30_000;
const READY_LINE = '[start] Ctrl-C stops everything';
const NODE_WARNING = /\(node:\d+\) (?:\[\w+\] )?\w*Warning/;
/** pino's warn level and above, in a `[bot] {...}` or `[sandbox] {...}` line. */
const WARN_LEVEL = 40;
/** pino's error level: what an operator must act on, never printed by a plain start. */
const ERROR_LEVEL = 50;
/** The one warning a start without credentials should print: the bot says it listens unauthenticated, on loopback. */
const EXPECTED_START_WARNINGS = [
  'no Bot Framework credentials: listening on 127.0.0.1 only, unauthenticated, for local use',
];

interface LogLine {
  readonly process: string;
  readonly level: number;
  readonly msg: string;
}

/** The JSON log lines our own processes printed (the playground's output is not ours). */
function ourLogLines(lines: readonly string[]): LogLine[] {
  return lines.flatMap((line) => {
    const match = /^\[(bot|sandbox)\] (\{.*\})$/.exec(line);
    if (!match) return [];
    try {
      const parsed = JSON.parse(match[2] ?? '') as { level?: unknown; msg?: unknown };
      return [{ process: match[1] ?? '', level: Number(parsed.level ?? 0), msg: String(parsed.msg ?? '') }];
    } catch {
      return [];
    }
  });
}

function warnings(lines: readonly string[]): LogLine[] {
  return ourLogLines(lines).filter((line) => line.level >= WARN_LEVEL);
}

/** Resolves when a stdout line from `from` on is a log line that `wanted` accepts (checked as each line arrives). */
function waitForLine(started: NpmStart, from: number, wanted: (line: LogLine) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!ourLogLines(started.stdout.slice(from)).some(wanted)) return;
      started.lineListeners.delete(check);
      resolve();
    };
    started.lineListeners.add(check);
    check();
  });
}

interface NpmStart {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly ready: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Called after each stdout line is added to `stdout`. */
  readonly lineListeners: Set<() => void>;
  stop(): void;
}

/** `npm start` run by the Node that runs this test, hermetic: its own ports, data and CA folder, no .env tenant. */
function npmStart(scratch: string, ports: { bot: number; sandbox: number; playground: number }): NpmStart {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      PORT: String(ports.bot),
      SANDBOX_PORT: String(ports.sandbox),
      PLAYGROUND_PORT: String(ports.playground),
      SANDBOX_CA_FILE: join(scratch, 'sandbox-ca.pem'),
      DATA_DIR: join(scratch, 'data'),
      M365_AGENTS_PLAYGROUND_LOGFILE: join(scratch, 'playground.log'),
      TENANT_ID: '',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      NODE_OPTIONS: '',
    },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const lineListeners = new Set<() => void>();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      if (line.startsWith(READY_LINE)) resolve();
      lineListeners.forEach((listener) => listener());
    });
    createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
    void exited.then(({ code, signal }) =>
      reject(new Error(`npm start exited (${signal ?? code}) before it was ready:\n${stdout.join('\n')}`)),
    );
  });
  // As `kill <pid of scripts/start.mjs>` would: start.mjs stops its children, exits 0, and npm exits with it. (A signal to
  // npm's whole group would also kill the shell npm runs the script in, and npm would exit before start.mjs is done.)
  const stop = () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const startScript = descendants(child.pid).find((pid) => commandLine(pid)[1] === 'scripts/start.mjs');
    process.kill(startScript ?? -child.pid, 'SIGTERM');
  };
  return { stdout, stderr, ready, exited, lineListeners, stop };
}

function descendants(pid: number): number[] {
  const children = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** argv of `pid` (the shell npm runs the script in has `-c` where node has the script). */
function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe(`npm start on Node ${process.version}`, () => {
  let scratch: string;
  let started: NpmStart;
  let ports: { bot: number; sandbox: number; playground: number };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'attachops-npm-start-'));
    ports = { bot: await freePort(), sandbox: await freePort(), playground: await freePort() };
    started = npmStart(scratch, ports);
    await started.ready;
  }, READY_TIMEOUT_MS);

  afterAll(async () => {
    if (started) {
      started.stop();
      await started.exited;
    }
    await rm(scratch, { recursive: true, force: true });
  }, STOP_TIMEOUT_MS);

  it('brings the sandbox, the bot and the playground up, and the bot reports ready', async () => {
    expect(started.stdout.join('\n')).toMatch(/\[start\] sandbox tenant at https:\/\/127\.0\.0\.1:\d+/);
    expect(started.stdout.join('\n')).toContain(`[start] bot ready: http://127.0.0.1:${ports.bot}/api/messages`);
    // Two windows by default, side by side on consecutive ports: Alex asks, Megan approves, one bot and one tenant.
    expect(started.stdout.join('\n')).toContain(
      `[start] open http://127.0.0.1:${ports.playground} to chat with the bot as Alex`,
    );
    expect(started.stdout.join('\n')).toMatch(/\[start\] open http:\/\/127\.0\.0\.1:\d+ to chat with the bot as Megan/);
    const readiness = await fetch(`http://127.0.0.1:${ports.bot}/readyz`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toEqual({ status: 'ready' });
    await expectHost(`http://127.0.0.1:${ports.bot}`);
  });

  /** Megan's window: the port after Alex's, or the one the playground took when that was busy. */
  function meganPort(): number {
    const line = started.stdout.find((l) => l.endsWith('to chat with the bot as Megan')) ?? '';
    return Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
  }

  it('prints no deprecation or other runtime warning on the way up', () => {
    expect([...started.stdout, ...started.stderr].filter((line) => NODE_WARNING.test(line))).toEqual([]);
  });

  it('logs no warning from the start-up path of the bot or the sandbox, except the unauthenticated-loopback notice', () => {
    const unexpected = warnings([...started.stdout, ...started.stderr]).filter(
      (line) => !EXPECTED_START_WARNINGS.includes(line.msg),
    );
    expect(unexpected).toEqual([]);
  });

  it("answers the playground's reachability probe (HEAD /api/messages) without a warning; a bad request still warns", async () => {
    const from = started.stdout.length;
    const probe = await fetch(`http://127.0.0.1:${ports.bot}/api/messages`, { method: 'HEAD' });
    expect(probe.status).toBe(200);
    const bad = await fetch(`http://127.0.0.1:${ports.bot}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'no sender, no conversation' }),
    });
    expect(bad.status).toBe(400);
    // The bot logs in order: once the bad request's warning is out, anything the probe logged is out too.
    await waitForLine(started, from, (line) => line.msg === 'malformed activity refused');
    expect(warnings(started.stdout.slice(from)).map((line) => line.msg)).toEqual(['malformed activity refused']);
  });

  it('logs nothing at error level, from start to stop', () => {
    expect(ourLogLines([...started.stdout, ...started.stderr]).filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
  });

  it(
    'stops the sandbox, the bot and both playgrounds on SIGTERM, then exits 0',
    async () => {
      started.stop();
      expect(await started.exited).toEqual({ code: 0, signal: null });
      expect(started.stdout).toContain('[start] SIGTERM: stopping');
      for (const port of [ports.bot, ports.sandbox, ports.playground, meganPort()]) {
        expect(await listening(port), `port ${port}`).toBe(false);
      }
    },
    STOP_TIMEOUT_MS,
  );
});
