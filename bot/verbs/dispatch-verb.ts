import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toErrorView } from '../../cards/views/message-view.js';
import { failureCard } from '../replies/failure-card.js';
import { isVerbNote, type AnyVerb, type VerbAnswer, type VerbContext } from './verb.js';
import { noteTurnAction, noteTurnOutcome } from '../telemetry/turn-span.js';

const actionSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.unknown().optional(),
  }),
});

/** Routes an `adaptiveCard/action` invoke to its verb; every path ends in a card, never in a time-out. */
export async function dispatchVerb(
  value: unknown,
  verbs: readonly AnyVerb[],
  context: VerbContext,
): Promise<VerbAnswer> {
  const parsed = actionSchema.safeParse(value);
  if (!parsed.success) {
    noteTurnOutcome('invalid-action');
    return invalidActionCard('That button sent something I do not understand.', context.correlationId);
  }
  const { verb: name, data } = parsed.data.action;
  const verb = verbs.find((candidate) => candidate.verb === name);
  if (!verb) {
    context.log.warn({ verb: name }, 'unknown card verb');
    noteTurnOutcome('invalid-action');
    return invalidActionCard(
      'The button you pressed is not one I handle (the card may be from an older version).',
      context.correlationId,
    );
  }
  const payload = verb.data.safeParse(withoutTeamsFields(data ?? {}));
  if (!payload.success) {
    context.log.warn({ verb: name, issues: payload.error.issues.length }, 'card data of the wrong shape');
    noteTurnOutcome('invalid-action');
    return invalidActionCard(
      `${capitalize(verb.button)} sent data I cannot read, so nothing was done.`,
      context.correlationId,
    );
  }
  const log = context.log.child({ verb: name });
  log.info({}, 'card action');
  noteTurnAction({ verb: name, role: verb.role });
  try {
    await context.access.require(verb.role, capitalize(verb.button));
    const answer = await verb.run(payload.data, { ...context, log });
    if (!verb.answersBeside || isVerbNote(answer)) return answer;
    // A list's row button: the list stays usable, the answer comes as its own card below it.
    await context.send(answer);
    return { note: verb.answersBeside.note };
  } catch (error) {
    return failureCard(error, context.correlationId, log);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withoutTeamsFields(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const { msteams: _ignored, ...rest } = data as Record<string, unknown>;
  return rest;
}

function invalidActionCard(message: string, correlationId: string): AdaptiveCard {
  return renderCard(
    'error',
    toErrorView({
      title: 'That action could not be run',
      message,
      fix: 'Type help to start again from a fresh card.',
      correlationId,
    }),
  );
}
