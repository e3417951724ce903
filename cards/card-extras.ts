import type { AdaptiveCard } from './adaptive-card.js';

/**
 * The two parts every card shares, added by `renderCard` from the view so no template repeats them:
 * - Details: technical facts (ids, class names, exact times) in a hidden container with id `details`, revealed by a
 *   "Details" `Action.ToggleVisibility`. A view sets `details`; plain text stays in the template.
 * - Next steps: buttons that run the command that comes next, exactly as if the clicking person had typed it
 *   (the `command.run` verb, bot/verbs/command-run.ts). A view sets `nextSteps`.
 */
export interface DetailFact {
  readonly title: string;
  readonly value: string;
}

export interface NextStep {
  /** The button: `Choose collections`. */
  readonly title: string;
  /** The command as a user would type it: `collections`, `assign "EDR pilot"` (missing arguments are asked for). */
  readonly command: string;
}

export interface CardExtras {
  readonly details?: readonly DetailFact[];
  readonly nextSteps?: readonly NextStep[];
}

export const DETAILS_ID = 'details';
export const COMMAND_RUN_VERB = 'command.run';

export function nextStepAction(step: NextStep): Record<string, unknown> {
  return { type: 'Action.Execute', title: step.title, verb: COMMAND_RUN_VERB, data: { command: step.command } };
}

/** The card with its next-step buttons first among its actions and its Details part last in its body. */
export function withCardExtras(card: AdaptiveCard, extras: CardExtras): AdaptiveCard {
  const details = extras.details ?? [];
  const nextSteps = extras.nextSteps ?? [];
  if (details.length === 0 && nextSteps.length === 0) return card;
  const body = Array.isArray(card.body) ? (card.body as unknown[]) : [];
  const actions = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
  return {
    ...card,
    body:
      details.length === 0
        ? body
        : [
            ...body,
            {
              type: 'Container',
              id: DETAILS_ID,
              isVisible: false,
              spacing: 'Medium',
              items: [{ type: 'FactSet', facts: details.map(({ title, value }) => ({ title, value })) }],
            },
          ],
    actions: [
      ...nextSteps.map(nextStepAction),
      ...actions,
      ...(details.length === 0
        ? []
        : [{ type: 'Action.ToggleVisibility', title: 'Details', targetElements: [DETAILS_ID] }]),
    ],
  };
}

/**
 * The extras a view carries, whatever else it holds: `details` as facts and `nextSteps` as steps. A view whose
 * template lays out its own `details` (e.g. a list of strings) is left to its template.
 */
export function extrasOf(view: unknown): CardExtras {
  if (view === null || typeof view !== 'object') return {};
  const { details, nextSteps } = view as { details?: unknown; nextSteps?: unknown };
  return {
    ...(isListOf<DetailFact>(details, ['title', 'value']) ? { details } : {}),
    ...(isListOf<NextStep>(nextSteps, ['title', 'command']) ? { nextSteps } : {}),
  };
}

function isListOf<T>(value: unknown, keys: readonly string[]): value is readonly T[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        item !== null &&
        typeof item === 'object' &&
        keys.every((key) => typeof (item as Record<string, unknown>)[key] === 'string'),
    )
  );
}
