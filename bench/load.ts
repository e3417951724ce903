/**
 * Benchmark (issue 28 item 3): AttachOps under load. Two built bots (`node dist/bot/main.js`) with STORAGE=blob on one
 * Azurite, reached through a counting proxy, and one sandbox tenant; N simulated users (bench/support/load-user.ts)
 * send the mix of commands and card clicks in bench/support/load-mix.ts for S seconds, their turns alternating between
 * the instances. Then the same mix on one bot with STORAGE=file against a fresh sandbox, as the baseline. Prints turns/s,
 * p50/p99 per kind, storage requests per turn by request kind, errors and each instance's RSS. `npm run bench:load`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCountingProxy, type CountingProxy } from '../test/support/counting-proxy.js';
import { parseLoadArgs, type LoadArgs } from './support/load-args.js';
import { startLoadConnector } from './support/load-connector.js';
import { summarizeTurns } from './support/load-mix.js';
import { startBotChild, startLoadAzurite, startSandboxProcess, type BotChild } from './support/load-processes.js';
import { activity, COMMANDS, runLoadUser, type TurnSample } from './support/load-user.js';
import { DEMO_USERS } from '../sandbox/index.js';
import { runTrustingSandbox } from './support/trusted-child.js';

const FAILURE_TITLE = 'Something went wrong on my side';
const IDLE_MS = 5_000;

interface PhaseResult {
  readonly label: string;
  readonly samples: TurnSample[];
  readonly seconds: number;
  readonly storage?: {
    perKind: Record<string, number>;
    idlePerSecond: number;
    perCommand: Record<string, number>;
    statuses: Record<string, number>;
  };
  readonly rss: number[];
  readonly errorLines: string[];
  readonly failureCards: number;
}

/** A small deterministic generator per user, so two runs pick the same mix. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([kind, count]) => [kind, count - (before[kind] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

async function phase(
  label: string,
  args: LoadArgs,
  env: (sandboxEnv: Record<string, string>) => Record<string, string>,
  instances: number,
  proxy?: CountingProxy,
): Promise<PhaseResult> {
  const [sandbox, connector] = await Promise.all([startSandboxProcess(), startLoadConnector()]);
  const bots: BotChild[] = [];
  try {
    for (let index = 0; index < instances; index += 1) bots.push(await startBotChild(env(sandbox.botEnvironment)));
    // Warm-up: each instance answers one turn from the mix first (tokens, NTLM, caches), untimed.
    for (const [index, bot] of bots.entries())
      await runLoadUser({
        index: 1000 + index,
        bots: [bot.url],
        connector,
        until: performance.now() + 1,
        thinkMs: 0,
        random: seeded(99 + index),
        record: () => undefined,
      });
    let idlePerSecond = 0;
    if (proxy) {
      const idleStart = proxy.requests();
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      idlePerSecond = (proxy.requests() - idleStart) / (IDLE_MS / 1000);
    }
    const before = proxy?.byKind() ?? {};
    const statusesBefore = proxy?.byStatus() ?? {};
    const samples: TurnSample[] = [];
    const started = performance.now();
    const until = started + args.seconds * 1000;
    await Promise.all(
      Array.from({ length: args.users }, (_, index) =>
        runLoadUser({
          index,
          bots: bots.map((bot) => bot.url),
          connector,
          until,
          thinkMs: args.thinkMs,
          random: seeded(index + 1),
          record: (sample) => samples.push(sample),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const perKind = diff(proxy?.byKind() ?? {}, before);
    const statuses = diff(proxy?.byStatus() ?? {}, statusesBefore);
    const perCommand: Record<string, number> = {};
    // After the load, one turn of each command alone, twice (a new chat, then the same chat again), through the proxy:
    // what that command costs in storage requests (background sweeps in the same moment count too).
    for (const [kind, text] of Object.entries(COMMANDS)) {
      if (!proxy || text === undefined) continue;
      const conversationId = `a:probe-${kind.replace(/ /g, '-')}`;
      for (const round of ['new chat', 'again']) {
        const start = proxy.requests();
        await fetch(`${bots[0]?.url ?? ''}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            activity(DEMO_USERS.admin, conversationId, { type: 'message', text, textFormat: 'plain' }, connector.url),
          ),
        });
        perCommand[`${kind} (${round})`] = proxy.requests() - start;
      }
    }
    if (process.env.BENCH_BOT_NODE_OPTIONS?.includes('--heapsnapshot-signal=SIGUSR2'))
      for (const bot of bots) {
        // The snapshot is written on the main thread: once /readyz answers again it is on disk (in the checkout's root).
        bot.process.kill('SIGUSR2');
        await new Promise((resolve) => setTimeout(resolve, 100));
        await fetch(`${bot.url}/readyz`).catch(() => undefined);
      }
    const storage = proxy ? { perKind, idlePerSecond, perCommand, statuses } : undefined;
    return {
      label,
      samples,
      seconds,
      ...(storage ? { storage } : {}),
      rss: await Promise.all(bots.map((bot) => bot.rssMb())),
      errorLines: bots.flatMap((bot) => bot.errorLines()),
      failureCards: connector.countContaining(FAILURE_TITLE),
    };
  } finally {
    for (const bot of bots) await bot.stop();
    await connector.close();
    await sandbox.stop();
  }
}

function print(result: PhaseResult): void {
  const turns = result.samples.length;
  const errors = result.samples.filter((sample) => !sample.ok);
  console.log(
    `\n${result.label}: ${turns} turns in ${result.seconds.toFixed(1)} s = ${(turns / result.seconds).toFixed(1)} turns/s`,
  );
  console.log('kind                  | turns | p50 ms  | p99 ms  | errors');
  for (const row of summarizeTurns(result.samples))
    console.log(
      `${row.kind.padEnd(22)}| ${String(row.turns).padStart(5)} | ${row.p50.toFixed(1).padStart(7)} | ${row.p99.toFixed(1).padStart(7)} | ${row.errors}`,
    );
  if (result.storage) {
    const total = Object.values(result.storage.perKind).reduce((sum, count) => sum + count, 0);
    const kinds = Object.entries(result.storage.perKind)
      .sort(([, a], [, b]) => b - a)
      .map(([kind, count]) => `${kind} ${(count / turns).toFixed(2)}`)
      .join(', ');
    console.log(
      `storage requests: ${total} = ${(total / turns).toFixed(2)} per turn (${kinds}); idle before the load: ${result.storage.idlePerSecond.toFixed(1)}/s for all instances`,
    );
    console.log(
      `storage answers by status during the load: ${Object.entries(result.storage.statuses)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ')}`,
    );
    console.log(
      `storage requests of one turn alone, after the load: ${Object.entries(result.storage.perCommand)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ')}`,
    );
  }
  console.log(
    `errors: ${errors.length} failed turns, ${result.failureCards} "${FAILURE_TITLE}" cards, ${result.errorLines.length} error log lines`,
  );
  for (const error of errors.slice(0, 5)) console.log(`  ${error.kind}: ${error.detail ?? ''}`);
  for (const line of result.errorLines.slice(0, 5)) console.log(`  log: ${line.slice(0, 300)}`);
  console.log(`RSS at the end: ${result.rss.map((mb) => `${mb.toFixed(0)} MB`).join(', ')}`);
}

async function main(): Promise<void> {
  const args = parseLoadArgs(process.argv.slice(2));
  console.log(
    `load: ${args.users} users, ${args.seconds} s, think 0..${args.thinkMs} ms; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')} on ${process.platform}`,
  );
  const azurite = await startLoadAzurite();
  const proxy = await startCountingProxy(azurite.connectionString);
  const dataDir = mkdtempSync(join(tmpdir(), 'attachops-load-'));
  const results: PhaseResult[] = [];
  try {
    results.push(
      await phase(
        `blob, ${args.instances} instance(s) on one Azurite`,
        args,
        (sandboxEnv) => ({
          ...sandboxEnv,
          STORAGE: 'blob',
          STORAGE_CONNECTION_STRING: proxy.connectionString,
          STORAGE_CONTAINER: 'load',
        }),
        args.instances,
        proxy,
      ),
    );
    results.push(
      await phase(
        'file, 1 instance (baseline)',
        args,
        (sandboxEnv) => ({ ...sandboxEnv, STORAGE: 'file', DATA_DIR: dataDir }),
        1,
      ),
    );
  } finally {
    await proxy.close();
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const result of results) print(result);
  console.log(
    `\nload average at the end: ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );
  const failed = results.some((result) => result.samples.some((sample) => !sample.ok) || result.failureCards > 0);
  process.exitCode = failed ? 1 : 0;
}

await runTrustingSandbox(main);
