import type { BenchConnector } from './bench-connector.js';
import { timeTurn } from './time-turn.js';

/**
 * `help` on the bot against a bare bot's small card, alternating turn by turn (after 20 warm-up turns each) so both
 * meet the same machine load. Both bots answer in one conversation each, as a person typing in the same chat would.
 */
export async function helpTurns(botUrl: string, bareUrl: string, connector: BenchConnector, turns: number) {
  const ours: number[] = [];
  const bare: number[] = [];
  for (let turn = 0; turn < 20; turn += 1) {
    await timeTurn(botUrl, connector, 'help', 'a:bench-help');
    await timeTurn(bareUrl, connector, 'hello', 'a:bench-bare');
  }
  for (let turn = 0; turn < turns; turn += 1) {
    ours.push(await timeTurn(botUrl, connector, 'help', 'a:bench-help'));
    bare.push(await timeTurn(bareUrl, connector, 'hello', 'a:bench-bare'));
  }
  return { ours, bare };
}
