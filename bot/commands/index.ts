import type { AnyCommand } from './command.js';
import { helpCommand } from './help.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';

/** Every command the bot knows. Help, the manifest's command list and the tests are generated from this list. */
export const commands: readonly AnyCommand[] = [helpCommand, runsCommand, runCommand];
