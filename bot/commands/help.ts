import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toCommandUsageView } from '../../cards/views/help-view.js';
import { helpCard } from '../replies/help-card.js';
import { defineCommand } from '../context/command-context.js';
import { findCommand } from './find-command.js';
import { unknownCommandCard } from '../replies/unknown-command-card.js';
import { findProfile } from '../../core/policy/catalog/index.js';
import { profileUsage } from '../../core/policies/profile-usage.js';
import { policyCreateCommand } from './policy-create.js';

export const helpCommand = defineCommand({
  name: 'help',
  summary: 'Lists every command, or shows how to use one.',
  usage: 'help [command]',
  examples: ['help', 'help check', 'help policy create', 'help policy create firewall'],
  positionals: ['command', 'subcommand', 'topic'],
  args: z.object({ command: z.string().optional(), subcommand: z.string().optional(), topic: z.string().optional() }),
  changesTenant: false,
  role: 'anyone',
  async run({ command, subcommand, topic }, context) {
    const { commands } = context;
    if (command === undefined) return helpCard(context);
    const words = [command, subcommand, topic].filter((word): word is string => word !== undefined);
    const found = findCommand(commands, words);
    const profile =
      found?.command.name === policyCreateCommand.name && found.rest.length === 1
        ? findProfile(found.rest[0] ?? '')
        : undefined;
    if (found && profile) {
      return renderCard('command-usage', {
        ...toCommandUsageView(found.command),
        ...profileUsage(profile),
        name: `${found.command.name} ${profile.id}`,
      });
    }
    const exact = found !== undefined && found.rest.length === 0;
    return exact
      ? renderCard('command-usage', toCommandUsageView(found.command))
      : unknownCommandCard(words.join(' '), commands);
  },
});
