/**
 * Benchmark: how many upstream requests and sequential round trips each command costs, from the message to the first
 * card, through the real bot endpoint against the sandbox; and the per-turn cost of `help` against a bare botbuilder
 * bot on the same stack. Round trips = (median time at L ms of injected latency − median at 0 ms) / L.
 * Run with `npm run bench`; `npm run bench -- --baseline [<git-ref>]` compares every command at L = 0 against older code
 * instead (compare-baseline.ts).
 */
import { startBareAgentsBot } from './support/bare-agents-bot.js';
import { startBareBot } from './support/bare-bot.js';
import { helpTurns } from './support/help-per-turn.js';
import { compareWithBaseline } from './compare-baseline.js';
import { BenchArgsError, parseBenchArgs } from './support/bench-args.js';
import { startBenchConnector, type BenchConnector } from './support/bench-connector.js';
import { createBenchPolicies } from './support/bench-policies.js';
import { startBenchStack, type BenchStack } from './support/bench-stack.js';
import { median, percentile } from './support/stats.js';
import { timeTurn } from './support/time-turn.js';
import { runTrustingSandbox, type BenchTls } from './support/trusted-child.js';

const LATENCY_MS = 200;
const ROUNDS = 5;
const HELP_TURNS = 300;
const EXTRA_POLICIES = 99;

interface LoggedRequest {
  readonly path: string;
  readonly status: number;
  /** An item inside a Graph $batch: logged for tests, but not an HTTP request of its own. */
  readonly inBatch?: boolean;
}

interface Row {
  readonly name: string;
  readonly requests: number;
  readonly batches: number;
  readonly adminService401: number;
  readonly msAtZero: number;
  readonly msAtL: number;
  readonly target: string;
}

async function requestsOf(stack: BenchStack): Promise<LoggedRequest[]> {
  const body = (await stack.control('GET', 'requests')) as { requests: LoggedRequest[] };
  return body.requests.filter((request) => !request.path.startsWith('/_sandbox/') && request.inBatch !== true);
}

async function withLatency<T>(stack: BenchStack, ms: number, work: () => Promise<T>): Promise<T> {
  if (ms === 0) return work();
  await stack.control('POST', 'faults', { spec: `route=*;kind=latency;ms=${ms}` });
  try {
    return await work();
  } finally {
    await stack.control('DELETE', 'faults');
  }
}

/** `text` may depend on the round so plans do not collide with pending approvals of earlier rounds. */
async function measure(
  stack: BenchStack,
  connector: BenchConnector,
  name: string,
  text: (round: number) => string,
  target: string,
): Promise<Row> {
  await timeTurn(stack.botUrl, connector, text(-1));
  const at: Record<number, number[]> = { 0: [], [LATENCY_MS]: [] };
  let log: LoggedRequest[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const latency of [0, LATENCY_MS]) {
      await stack.control('DELETE', 'requests');
      const ms = await withLatency(stack, latency, () =>
        timeTurn(stack.botUrl, connector, text(round * 2 + (latency ? 1 : 0))),
      );
      at[latency]?.push(ms);
      if (latency === 0) log = await requestsOf(stack);
    }
  }
  return {
    name,
    requests: log.length,
    batches: log.filter((request) => request.path.endsWith('/$batch')).length,
    adminService401: log.filter((request) => request.path.startsWith('/AdminService') && request.status === 401).length,
    msAtZero: median(at[0] ?? []),
    msAtL: median(at[LATENCY_MS] ?? []),
    target,
  };
}

type HelpFigures = { ours: number[]; bare: number[] };

function printTable(rows: readonly Row[], help: HelpFigures, agentsHelp: HelpFigures): void {
  const header = ['command', 'upstream req', '$batch', 'AS 401', 'ms @0', `ms @${LATENCY_MS}`, 'round trips', 'target'];
  const lines = rows.map((row) => [
    row.name,
    String(row.requests),
    String(row.batches),
    String(row.adminService401),
    row.msAtZero.toFixed(1),
    row.msAtL.toFixed(0),
    ((row.msAtL - row.msAtZero) / LATENCY_MS).toFixed(2),
    row.target,
  ]);
  lines.push(helpRow('help per turn (median / p99)', help), helpRow('help per turn, BOT_HOST=agents', agentsHelp));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(
    `AttachOps upstream cost, sandbox 'ready' unless named, L = ${LATENCY_MS} ms, median of ${ROUNDS} rounds`,
  );
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const line of lines) console.log(format(line));
  console.log(
    `help: ${HELP_TURNS} turns each, alternating with a bare bot of the same SDK (botbuilder + restify; Agents SDK + express), L = 0`,
  );
}

/** One host's `help` against the bare bot of its SDK. */
function helpRow(name: string, help: HelpFigures): string[] {
  const oursMedian = median(help.ours);
  const bareMedian = median(help.bare);
  const oursP99 = percentile(help.ours, 0.99);
  const bareP99 = percentile(help.bare, 0.99);
  return [
    name,
    '0',
    '0',
    '0',
    `${oursMedian.toFixed(2)} / ${oursP99.toFixed(2)}`,
    `bare ${bareMedian.toFixed(2)} / ${bareP99.toFixed(2)}`,
    `x${(oursMedian / bareMedian).toFixed(2)} / x${(oursP99 / bareP99).toFixed(2)}`,
    'median <= x1.5',
  ];
}

/** `help` per turn on the Agents SDK host against a bare Agents SDK bot, with a stack of its own. */
async function agentsHelpTurns(tls: BenchTls, connector: BenchConnector): Promise<HelpFigures> {
  const bare = await startBareAgentsBot();
  const stack = await startBenchStack(tls, 'agents');
  try {
    return await helpTurns(stack.botUrl, bare.url, connector, HELP_TURNS);
  } finally {
    await stack.close();
    await bare.close();
  }
}

async function main(tls: BenchTls): Promise<void> {
  const connector = await startBenchConnector();
  const bare = await startBareBot();
  const stack = await startBenchStack(tls);
  try {
    const rows: Row[] = [];
    rows.push(await measure(stack, connector, 'check', () => 'check', '<= 3 round trips'));
    rows.push(await measure(stack, connector, 'collections (ready)', () => 'collections', '<= 3 round trips'));
    rows.push(
      await measure(
        stack,
        connector,
        'policy create (plan)',
        (round) => `policy create edr --target configmgr --name "Bench plan ${round + 1}"`,
        '<= 3 round trips',
      ),
    );
    await createBenchPolicies(stack.tenant, 1, 0);
    rows.push(
      await measure(stack, connector, 'assign (plan)', () => 'assign "Bench EDR 0" --to PS100042', '<= 3 round trips'),
    );
    rows.push(await measure(stack, connector, 'compliance, 1 policy', () => 'compliance', '<= 2 + 1 $batch'));
    await createBenchPolicies(stack.tenant, EXTRA_POLICIES, 1);
    rows.push(await measure(stack, connector, 'compliance, 100 policies', () => 'compliance', '<= 2 + 5 $batch'));
    await stack.control('POST', 'reset', { scenario: 'large', seed: 7 });
    rows.push(await measure(stack, connector, 'collections (large)', () => 'collections', '<= 4 round trips'));
    await stack.control('POST', 'reset', { scenario: 'ready', seed: 7 });
    const help = await helpTurns(stack.botUrl, bare.url, connector, HELP_TURNS);
    const agentsHelp = await agentsHelpTurns(tls, connector);
    printTable(rows, help, agentsHelp);
  } finally {
    await stack.close();
    await bare.close();
    await connector.close();
  }
}

let args;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchArgsError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (args.mode === 'baseline') {
  const options = args;
  await runTrustingSandbox((tls) =>
    compareWithBaseline(options, tls).catch((error: unknown) => {
      console.error(`bench --baseline failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }),
  );
} else await runTrustingSandbox(main);
