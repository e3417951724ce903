import type { AnyCommand } from './command.js';
import { attachCommand } from './attach.js';
import { checkCommand } from './check.js';
import { collectionsCommand } from './collections.js';
import { enableCommand } from './enable.js';
import { helpCommand } from './help.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';

/** Every command the bot knows. Help, the manifest's command list and the tests are generated from this list. */
export const commands: readonly AnyCommand[] = [helpCommand, checkCommand, attachCommand, collectionsCommand, enableCommand, runsCommand, runCommand];
