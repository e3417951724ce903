import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import type { AnyCommand } from '../context/command-context.js';
import { closestNames } from './suggest.js';

const TYPED_ECHO_LIMIT = 60;

export function unknownCommandCard(typed: string, commands: readonly AnyCommand[]): AdaptiveCard {
  const shown = typed.length > TYPED_ECHO_LIMIT ? `${typed.slice(0, TYPED_ECHO_LIMIT)}…` : typed;
  const names = commands.map((command) => command.name);
  return renderCard('unknown-command', { typed: shown, suggestions: closestNames(typed, names) });
}
