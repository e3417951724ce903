import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundPerson } from '../../scripts/lib/playground-user.mjs';
import { sandboxBotEnvironment } from '../../scripts/lib/sandbox.mjs';
import * as sandboxExports from '../../sandbox/index.js';
import { invokeActivity, messageActivity, type TestUser } from '../support/activities.js';
import { checkInvokeAnswer } from '../support/sent-card-leaks.js';
import { freePort } from '../support/free-port.js';
import { expectHost, hostEnv } from '../support/host-env.js';
import { parseWalkthrough, type WalkthroughStep } from '../support/readme-walkthrough.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { cardOf } from './workflow-chat.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Its own build, so it never reads a dist/ that another test file is rewriting; inside node_modules for resolution. */
const BUILD = join(ROOT, 'node_modules/.cache/attachops-walkthrough');
const STEP_TIMEOUT_MS = 20_000;
/** A cold start of a process on a loaded 2-core machine. */
const START_TIMEOUT_MS = 60_000;

interface Process {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly output: string[];
}

interface SeenCard {
  readonly conversationId: string;
  readonly activityId: string;
  readonly card: unknown;
}

/**
 * `npm start` without the playgrounds: the sandbox and the bot as processes sharing one DATA_DIR, started once, the
 * recording connector standing in for both windows (Alex's chat and Megan's, each its own conversation). When editing the README:
 * WALKTHROUGH_TRACE=1 prints each step's answer, WALKTHROUGH_REUSE_BUILD=1 reuses the last build (and keeps DATA_DIR).
 */
describe('the README walkthrough, followed line by line', () => {
  let connector: RecordingConnector;
  let dataDir: string;
  let sandboxPort: number;
  let botPort: number;
  let running: Process[] = [];
  /** Every process started, stopped ones included: the terminal the README reader watches. */
  const everyOutput: string[][] = [];
  let sandboxCa = '';

  beforeAll(async () => {
    if (process.env.WALKTHROUGH_REUSE_BUILD !== '1') await buildInto(BUILD);
    connector = await startRecordingConnector();
    dataDir = await mkdtemp(join(tmpdir(), 'attachops-walkthrough-'));
    sandboxPort = await freePort();
    botPort = await freePort();
  }, 180_000);

  afterAll(async () => {
    await stopAll();
    await connector?.close();
    if (dataDir && process.env.WALKTHROUGH_REUSE_BUILD !== '1') await rm(dataDir, { recursive: true, force: true });
    if (process.env.WALKTHROUGH_REUSE_BUILD !== '1') await rm(BUILD, { recursive: true, force: true });
  });

  function spawnNode(script: string, env: Record<string, string>): Process {
    const child = spawn(process.execPath, [join(BUILD, script)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...hostEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    everyOutput.push(output);
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, exited, output };
  }

  async function stopAll(): Promise<void> {
    for (const process of running.reverse()) {
      process.child.kill('SIGTERM');
      await process.exited;
    }
    running = [];
  }

  /** What `npm start` does (scripts/start.mjs): the sandbox on its port with its CA file, then the bot pointed at it. */
  async function startEverything(): Promise<void> {
    const caFile = join(dataDir, 'sandbox-ca.pem');
    const sandbox = spawnNode('sandbox/main.js', {
      DATA_DIR: dataDir,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_CA_FILE: caFile,
    });
    running.push(sandbox);
    const url = await waitFor(
      () => /"url":"([^"]+)"/.exec(sandbox.output.join(''))?.[1],
      `the sandbox to listen (${sandbox.output.join('')})`,
      START_TIMEOUT_MS,
    );
    sandboxCa = await readFile(caFile, 'utf8');
    const bot = spawnNode('bot/main.js', {
      ...sandboxBotEnvironment(url, caFile, sandboxExports, {}),
      PORT: String(botPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.WALKTHROUGH_LOG_LEVEL ?? 'warn',
    });
    running.push(bot);
    await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${botPort}/readyz`).catch(() => undefined))?.ok ? true : undefined),
      `the bot to be ready (${bot.output.join('')})`,
      START_TIMEOUT_MS,
    );
    await expectHost(`http://127.0.0.1:${botPort}`);
  }

  function sandboxCall(method: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `https://127.0.0.1:${sandboxPort}${path}`,
        { method, ca: sandboxCa, headers: payload ? { 'content-type': 'application/json' } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('completes as written in two windows, Alex asking and Megan approving, with no restart', async () => {
    const steps = parseWalkthrough(await readFile(join(ROOT, 'README.md'), 'utf8'));
    expect(new Set(steps.map((step) => step.kind))).toEqual(new Set(['say', 'press', 'console']));
    const chatSteps = steps.flatMap((step) => (step.kind === 'console' ? [] : [step]));
    expect(new Set(chatSteps.map((step) => step.window))).toEqual(new Set(['alex', 'megan']));
    // It ends back in the requester's window, where the change was asked for.
    expect(chatSteps.at(-1)?.window).toBe('alex');

    const person = (who: string): TestUser => playgroundPerson(who);
    const conversationOf = (name: string) => `a:personal-${name}`;
    const seen: SeenCard[] = [];
    const place = (who: string) => ({
      serviceUrl: connector.url,
      conversationId: conversationOf(who),
      from: person(who),
    });
    await startEverything();

    for (const step of steps) {
      const callsBefore = connector.calls.length;
      let answer = '';
      const sentSince = () =>
        connector.calls
          .slice(callsBefore)
          .map((call) => JSON.stringify(call.body))
          .join('\n');
      await runStep(step);
      if (process.env.WALKTHROUGH_TRACE)
        console.log(
          `### ${step.line}\n${[...(answer + sentSince()).matchAll(/"(?:text|title)":"([^"]*)"/g)].map((m) => m[1]).join(' | ')}`,
        );
      for (const text of step.expect)
        await waitFor(
          () => ((answer + sentSince()).includes(text) ? true : undefined),
          `"${text}" after \`${step.line.trim()}\`; the bot answered: ${(answer + sentSince()).slice(0, 3000)}`,
        );

      async function runStep(current: WalkthroughStep): Promise<void> {
        switch (current.kind) {
          case 'console': {
            const response = await sandboxCall(current.method, current.path, current.body);
            expect(response.status, `${current.line}: ${response.text}`).toBeLessThan(300);
            answer = response.text;
            return;
          }
          case 'say': {
            const activity = messageActivity(current.text, place(current.window));
            const response = await fetch(`http://127.0.0.1:${botPort}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(activity),
            });
            expect(response.status).toBeLessThan(300);
            await waitFor(
              () => connector.calls.find((call) => call.method === 'POST' && call.activityId === activity.id),
              `an answer to \`${current.text}\``,
            );
            collectCards();
            answer = sentSince();
            return;
          }
          case 'press': {
            const target = await waitFor(() => {
              collectCards();
              return latestButton(current.title, current.window);
            }, `a [${current.title}] button on a card in ${current.window}'s chat; the bot sent ${summary()}`);
            const invoke = invokeActivity(target.verb, target.data, {
              ...place(current.window),
              replyToId: target.card.activityId,
            });
            const response = await fetch(`http://127.0.0.1:${botPort}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(invoke),
            });
            const text = await response.text();
            expect(response.status, text).toBe(200);
            checkInvokeAnswer(invoke, JSON.parse(text));
            // The invoke response carries the card that replaces the pressed one: `{ statusCode, type, value: card }`.
            const card = (JSON.parse(text) as { value?: unknown }).value;
            if (card) seen.push({ ...target.card, card });
            answer = text;
            return;
          }
        }
      }
    }

    // A calm terminal: nothing at error level (pino 50 and above) from the sandbox or the bot in the whole walkthrough.
    expect(errorLines(everyOutput.map((output) => output.join('')).join(''))).toEqual([]);

    function summary(): string {
      return connector.calls
        .map(
          (call) =>
            `${call.method} ${call.conversationId} ${call.status} ${JSON.stringify(cardOf(call) ?? call.body).slice(0, 1500)}`,
        )
        .join('\n')
        .concat('\nprocess output:\n', running.map((process) => process.output.join('')).join('\n'));
    }

    function collectCards(): void {
      for (const call of connector.calls) {
        const card = cardOf(call);
        const activityId = call.method === 'PUT' ? call.activityId : call.answeredId;
        if (!card || !activityId || seen.some((s) => s.card === card)) continue;
        seen.push({ conversationId: call.conversationId, activityId, card });
      }
    }

    function latestButton(title: string, who: string): { card: SeenCard; verb: string; data: unknown } | undefined {
      for (const card of [...seen].reverse()) {
        if (card.conversationId !== conversationOf(who)) continue;
        const action = findAction(card.card, title);
        if (action) return { card, ...action };
      }
      return undefined;
    }
  }, 240_000);
});

/** The JSON log lines at error level or above (pino: error 50, fatal 60), message and error type only. */
function errorLines(output: string): string[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown; err?: { type?: unknown } };
      return Number(parsed.level) >= 50 ? [`${String(parsed.msg)} (${String(parsed.err?.type ?? '')})`] : [];
    } catch {
      return [];
    }
  });
}

async function buildInto(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', outDir, '--sourceMap', 'false'],
    { cwd: ROOT },
  ).catch((error: unknown) => {
    throw new Error(`the build failed: ${String((error as { stdout?: unknown }).stdout ?? error)}`);
  });
  // Inside node_modules, Node does not look further up for the package's "type": "module".
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
}

/** The first `Action.Execute` titled `title` anywhere in the card (actions, action sets, refresh excluded). */
function findAction(node: unknown, title: string): { verb: string; data: unknown } | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAction(item, title);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  if (record.type === 'Action.Execute' && record.title === title && typeof record.verb === 'string')
    return { verb: record.verb, data: record.data ?? {} };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'refresh') continue;
    const found = findAction(value, title);
    if (found) return found;
  }
  return undefined;
}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
