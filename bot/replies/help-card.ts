import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toHelpView } from '../../cards/views/help-view.js';
import { ROLE_VARIABLES } from '../../core/access/roles.js';
import type { CallerAccess } from '../../core/access/access-control.js';
import type { AnyCommand, CommandContext } from '../context/command-context.js';

/**
 * The help card is a pure function of the command list and which of its commands the caller may run, and expanding
 * it is most of a help turn: rendered once per (command list, allowed set) and handed out as is, deep-frozen so a
 * change by any later step throws instead of leaking into every caller's help (a copy per turn cost 0.2–0.3 ms of a
 * 2.6 ms turn).
 */
const rendered = new WeakMap<readonly AnyCommand[], Map<string, AdaptiveCard>>();

/** Help follows the caller: what they may run, then what needs a role they lack and who grants it. */
export function helpCard(context: {
  readonly commands: CommandContext['commands'];
  readonly access: Pick<CallerAccess, 'may'>;
}): AdaptiveCard {
  const allowed = context.commands.map((command) => context.access.may(command.role));
  const key = allowed.map((may) => (may ? '1' : '0')).join('');
  const byAllowed = rendered.get(context.commands) ?? new Map<string, AdaptiveCard>();
  rendered.set(context.commands, byAllowed);
  let card = byAllowed.get(key);
  if (card === undefined) {
    card = deepFreeze(renderHelp(context.commands, allowed));
    byAllowed.set(key, card);
  }
  return card;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
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
