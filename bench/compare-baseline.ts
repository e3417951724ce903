/**
 * `npm run bench -- --baseline [<git-ref>]`: every command of the round-trip benchmark at L = 0 (no injected latency)
 * on the baseline code and on the current code in one run. Each version runs as `npm start` runs it (its own sandbox
 * and bot processes); the rounds alternate between them (baseline first in even rounds, current first in odd ones), so
 * load on the machine hits both alike. Per command: median ms of each, the ratio of medians and of p90s (p99 for help),
 * the noise bound (ab-comparison.ts) and the verdict.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareRounds, type AbComparison } from './support/ab-comparison.js';
import { checkOutBaseline, type BaselineCheckout } from './support/baseline-checkout.js';
import type { BenchArgs } from './support/bench-args.js';
import { startBenchConnector, type BenchConnector } from './support/bench-connector.js';
import { createBenchPolicies, tenantServicesFor } from './support/bench-policies.js';
import { timeTurn } from './support/time-turn.js';
import type { BenchTls } from './support/trusted-child.js';
import { startVersionStack, type VersionStack } from './support/version-stack.js';

const CURRENT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXTRA_POLICIES = 99;
const HELP_WARM_UP_TURNS = 20;

interface Row {
  readonly name: string;
  readonly comparison: AbComparison;
  readonly requests: readonly [baseline: number | undefined, current: number | undefined];
}

type Pair = readonly [baseline: VersionStack, current: VersionStack];

const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

/** One timed turn on each stack per round, the order flipped every round. */
async function alternate(
  stacks: Pair,
  rounds: number,
  turn: (stack: VersionStack, round: number) => Promise<number>,
): Promise<[number[], number[]]> {
  const times: [number[], number[]] = [[], []];
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) times[side as 0 | 1].push(await turn(stacks[side as 0 | 1], round));
  }
  return times;
}

async function measure(
  stacks: Pair,
  connector: BenchConnector,
  rounds: number,
  name: string,
  text: (round: number) => string,
): Promise<Row> {
  for (const stack of stacks) await timeTurn(stack.botUrl, connector, text(-1));
  say(`${name}: ${rounds} rounds (load ${load()})`);
  const requests: [number | undefined, number | undefined] = [undefined, undefined];
  const [baseline, current] = await alternate(stacks, rounds, async (stack, round) => {
    const last = round === rounds - 1;
    if (last) await stack.control('DELETE', 'requests');
    const ms = await timeTurn(stack.botUrl, connector, text(round));
    if (last) requests[stack === stacks[0] ? 0 : 1] = await stack.upstreamRequests();
    return ms;
  });
  return { name, comparison: compareRounds(baseline, current), requests };
}

async function measureHelp(stacks: Pair, connector: BenchConnector, turns: number): Promise<Row> {
  const conversation = (stack: VersionStack): string => `a:bench-help-${stack.name}`;
  for (let turn = 0; turn < HELP_WARM_UP_TURNS; turn += 1)
    for (const stack of stacks) await timeTurn(stack.botUrl, connector, 'help', conversation(stack));
  say(`help: ${turns} turns each (load ${load()})`);
  const [baseline, current] = await alternate(stacks, turns, (stack) =>
    timeTurn(stack.botUrl, connector, 'help', conversation(stack)),
  );
  return { name: 'help per turn', comparison: compareRounds(baseline, current), requests: [0, 0] };
}

/** What must match for both versions to read the same tenant: the sandbox summary without the clock and policy ids. */
const SCENARIO_KEYS = [
  'scenario',
  'seed',
  'site',
  'hotfix',
  'tenantAttach',
  'endpointSecurityCollections',
  'collections',
];

async function scenarioDifferences(stacks: Pair): Promise<string[]> {
  const summaries = await Promise.all(
    stacks.map(async (stack) => {
      const state = (await stack.control('GET', 'state')) as Record<string, unknown>;
      const policies = Array.isArray(state.policies) ? state.policies.map((p: { name?: unknown }) => p.name) : [];
      const picked = Object.fromEntries(SCENARIO_KEYS.map((key) => [key, state[key]]));
      return { ...picked, devices: state.devices, policies: policies.sort() } as Record<string, unknown>;
    }),
  );
  const [baseline = {}, current = {}] = summaries;
  return Object.keys(current).filter((key) => JSON.stringify(baseline[key]) !== JSON.stringify(current[key]));
}

async function seedPolicies(stacks: Pair, count: number, offset: number): Promise<void> {
  for (const stack of stacks) await createBenchPolicies(tenantServicesFor(stack.sandboxUrl), count, offset);
}

async function resetScenario(stacks: Pair, scenario: string): Promise<void> {
  for (const stack of stacks) await stack.control('POST', 'reset', { scenario, seed: 7 });
}

async function measureAll(stacks: Pair, connector: BenchConnector, rounds: number, helpTurns: number) {
  const rows: Row[] = [];
  const differences = new Set<string>();
  const checkScenario = async (): Promise<void> => {
    for (const key of await scenarioDifferences(stacks)) differences.add(key);
  };
  await checkScenario();
  const plain = (text: string) => () => text;
  rows.push(await measure(stacks, connector, rounds, 'check', plain('check')));
  rows.push(await measure(stacks, connector, rounds, 'collections (ready)', plain('collections')));
  rows.push(
    await measure(
      stacks,
      connector,
      rounds,
      'policy create (plan)',
      (round) => `policy create edr --target configmgr --name "Bench plan ${round + 2}"`,
    ),
  );
  await seedPolicies(stacks, 1, 0);
  await checkScenario();
  rows.push(await measure(stacks, connector, rounds, 'assign (plan)', plain('assign "Bench EDR 0" --to PS100042')));
  rows.push(await measure(stacks, connector, rounds, 'compliance, 1 policy', plain('compliance')));
  await seedPolicies(stacks, EXTRA_POLICIES, 1);
  await checkScenario();
  rows.push(await measure(stacks, connector, rounds, 'compliance, 100 policies', plain('compliance')));
  await resetScenario(stacks, 'large');
  await checkScenario();
  rows.push(await measure(stacks, connector, rounds, 'collections (large)', plain('collections')));
  await resetScenario(stacks, 'ready');
  rows.push(await measureHelp(stacks, connector, helpTurns));
  return { rows, differences: [...differences] };
}

export function formatComparisonTable(rows: readonly Row[]): string[] {
  const header = [
    'command',
    'ms @0 baseline',
    'ms @0 current',
    'ratio median',
    'ratio tail',
    'noise',
    'verdict',
    'req',
  ];
  const lines = rows.map(({ name, comparison: c, requests }) => [
    name,
    c.baselineMedian.toFixed(1),
    c.currentMedian.toFixed(1),
    `x${c.ratio.toFixed(2)}`,
    c.tail ? `x${c.tail.ratio.toFixed(2)} (${c.tail.label})` : '-',
    Number.isFinite(c.noise) ? `±${c.noise.toFixed(2)}` : '-',
    c.verdict,
    requests.map((count) => (count === undefined ? '?' : String(count))).join(' / '),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...lines.map(format)];
}

function currentLabel(): string {
  const commit = execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: CURRENT_ROOT, encoding: 'utf8' });
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: CURRENT_ROOT,
    encoding: 'utf8',
  });
  return `${commit.trim()}${dirty.trim() === '' ? '' : ' (+ uncommitted changes)'}`;
}

export async function compareWithBaseline(
  args: Extract<BenchArgs, { mode: 'baseline' }>,
  tls: BenchTls,
): Promise<void> {
  void tls; // the sandbox children read the same certificate from ATTACHOPS_BENCH_CERT/KEY
  const children: ChildProcess[] = [];
  let checkout: BaselineCheckout | undefined;
  const workDir = mkdtempSync(join(tmpdir(), 'attachops-ab-'));
  const cleanUp = (): void => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    checkout?.remove();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  const stopOnSignal = (): void => process.exit(130);
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const connector = await startBenchConnector();
  const stacks: VersionStack[] = [];
  try {
    checkout = args.dir === undefined ? checkOutBaseline(args.ref ?? '', CURRENT_ROOT, say) : undefined;
    const baselineRoot = checkout?.root ?? args.dir ?? '';
    const baselineLabel = checkout?.label ?? args.dir ?? '';
    const loadBefore = load();
    const track = (child: ChildProcess): void => void children.push(child);
    const baselineSandbox = args.sandbox === 'own' ? baselineRoot : CURRENT_ROOT;
    stacks.push(await startVersionStack('baseline', baselineRoot, baselineSandbox, workDir, track));
    stacks.push(await startVersionStack('current', CURRENT_ROOT, CURRENT_ROOT, workDir, track));
    const [baseline, current] = stacks as [VersionStack, VersionStack];
    const { rows, differences } = await measureAll([baseline, current], connector, args.rounds, args.helpTurns);
    console.log(`AttachOps at L = 0: baseline ${baselineLabel}, current ${currentLabel()}`);
    console.log(
      `${args.rounds} alternating rounds per command (help: ${args.helpTurns} turns); ` +
        `${args.sandbox === 'own' ? 'each bot against its own version of the sandbox' : 'both bots against the current sandbox code'}`,
    );
    console.log(`sandbox 'ready' unless named; load average ${loadBefore} at start, ${load()} at end`);
    console.log(
      differences.length === 0
        ? 'same scenario data in both sandboxes (site, attach, collections, devices, policies)'
        : `WARNING: the sandboxes' scenario data differed in ${differences.join(', ')}: the times compare different tenants`,
    );
    for (const line of formatComparisonTable(rows)) console.log(line);
    console.log('ratio = current / baseline; noise = half-width of the 95% interval of the median per-round ratio;');
    console.log('not slower: ratio median <= 1 + noise; faster: < 1 - noise; req = upstream requests, last round');
  } finally {
    await Promise.all(stacks.map((stack) => stack.close()));
    await connector.close();
    cleanUp();
    process.removeListener('exit', cleanUp);
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
  }
}
