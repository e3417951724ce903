import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toCommandUsageView } from '../../cards/views/help-view.js';
import { findCommand } from '../commands/find-command.js';
import { unknownCommandCard } from '../replies/unknown-command-card.js';
import { defineVerb } from './verb.js';

export const helpUsageVerb = defineVerb({
  verb: 'help.usage',
  button: 'the Usage button',
  role: 'anyone',
  data: z.object({ command: z.string().min(1).max(100) }),
  async run({ command }, { commands }) {
    const found = findCommand(commands, command.split(/\s+/));
    return found && found.rest.length === 0
      ? renderCard('command-usage', toCommandUsageView(found.command))
      : unknownCommandCard(command, commands);
  },
});
