import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toHelpView } from '../../cards/views/help-view.js';
import { ROLE_VARIABLES } from '../../core/access/roles.js';
import type { AnyCommand, CommandContext } from './command.js';

/**
 * The help card is a pure function of the command list and which of its commands the caller may run, and expanding
 * it is most of a help turn: rendered once per (command list, allowed set), and a copy handed out per turn.
 */
const rendered = new WeakMap<readonly AnyCommand[], Map<string, AdaptiveCard>>();

/** Help follows the caller: what they may run, then what needs a role they lack and who grants it. */
export function helpCard(context: Pick<CommandContext, 'commands' | 'access'>): AdaptiveCard {
  const allowed = context.commands.map((command) => context.access.may(command.role));
  const key = allowed.map((may) => (may ? '1' : '0')).join('');
  const byAllowed = rendered.get(context.commands) ?? new Map<string, AdaptiveCard>();
  rendered.set(context.commands, byAllowed);
  let card = byAllowed.get(key);
  if (card === undefined) {
    card = renderHelp(context.commands, allowed);
    byAllowed.set(key, card);
  }
  return structuredClone(card);
}

function renderHelp(commands: readonly AnyCommand[], allowed: readonly boolean[]): AdaptiveCard {
  const available = commands.filter((_, index) => allowed[index]);
  const restricted = commands
    .filter((_, index) => !allowed[index])
    .map((command) => ({
      name: command.name,
      role: String(command.role),
      grantedBy: command.role === 'anyone' ? '' : ROLE_VARIABLES[command.role],
    }));
  return renderCard('help', toHelpView(available, restricted));
}
