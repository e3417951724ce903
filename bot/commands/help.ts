import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toCommandUsageView } from '../../cards/views/help-view.js';
import { helpCard } from '../replies/help-card.js';
import { defineCommand } from '../context/command-context.js';
import { findCommand } from './find-command.js';
import { unknownCommandCard } from '../replies/unknown-command-card.js';

export const helpCommand = defineCommand({
  name: 'help',
  summary: 'Lists every command, or shows how to use one.',
  usage: 'help [command]',
  examples: ['help', 'help check', 'help policy create'],
  positionals: ['command', 'subcommand'],
  args: z.object({ command: z.string().optional(), subcommand: z.string().optional() }),
  changesTenant: false,
  role: 'anyone',
  async run({ command, subcommand }, context) {
    const { commands } = context;
    if (command === undefined) return helpCard(context);
    const words = [command, subcommand].filter((word): word is string => word !== undefined);
    const found = findCommand(commands, words);
    const exact = found !== undefined && found.rest.length === 0;
    return exact
      ? renderCard('command-usage', toCommandUsageView(found.command))
      : unknownCommandCard(words.join(' '), commands);
  },
});
