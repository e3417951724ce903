/**
 * Benchmark: `help` per turn on each host (BOT_HOST=botbuilder and BOT_HOST=agents) against a bare bot of the same SDK,
 * in one run: the bot's own cost per turn over what the SDK and its HTTP server cost anyway. `npm run bench:hosts`;
 * `npm run bench` prints the same two rows after the upstream table.
 */
import { startBareAgentsBot } from './support/bare-agents-bot.js';
import { startBareBot } from './support/bare-bot.js';
import { startBenchConnector } from './support/bench-connector.js';
import { startBenchStack } from './support/bench-stack.js';
import { helpTurns } from './support/help-per-turn.js';
import { median, percentile } from './support/stats.js';
import { runTrustingSandbox, type BenchTls } from './support/trusted-child.js';

const TURNS = Number(process.env.BENCH_HELP_TURNS ?? '300');
const HOSTS = [
  { host: 'botbuilder', bare: startBareBot },
  { host: 'agents', bare: startBareAgentsBot },
] as const;

async function main(tls: BenchTls): Promise<void> {
  const connector = await startBenchConnector();
  try {
    console.log(`help per turn, ${TURNS} turns each, alternating with a bare bot of the same SDK, ms (median / p99)`);
    for (const { host, bare: startBare } of HOSTS) {
      const bare = await startBare();
      const stack = await startBenchStack(tls, host);
      try {
        const { ours, bare: floor } = await helpTurns(stack.botUrl, bare.url, connector, TURNS);
        const ratio = median(ours) / median(floor);
        console.log(
          `BOT_HOST=${host.padEnd(10)} ours ${median(ours).toFixed(2)} / ${percentile(ours, 0.99).toFixed(2)}` +
            ` | bare ${median(floor).toFixed(2)} / ${percentile(floor, 0.99).toFixed(2)}` +
            ` | x${ratio.toFixed(2)} (target median <= x1.5)`,
        );
      } finally {
        await stack.close();
        await bare.close();
      }
    }
  } finally {
    await connector.close();
  }
}

await runTrustingSandbox(main);
