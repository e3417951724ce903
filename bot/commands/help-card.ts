import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toHelpView } from '../../cards/views/help-view.js';
import { ROLE_VARIABLES } from '../../core/access/roles.js';
import type { CommandContext } from './command.js';

/** Help follows the caller: what they may run, then what needs a role they lack and who grants it. */
export function helpCard(context: Pick<CommandContext, 'commands' | 'access'>): AdaptiveCard {
  const available = context.commands.filter((command) => context.access.may(command.role));
  const restricted = context.commands
    .filter((command) => !context.access.may(command.role))
    .map((command) => ({
      name: command.name,
      role: String(command.role),
      grantedBy: command.role === 'anyone' ? '' : ROLE_VARIABLES[command.role],
    }));
  return renderCard('help', toHelpView(available, restricted));
}
