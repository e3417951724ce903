import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toCommandUsageView } from '../../cards/views/help-view.js';
import { toErrorView } from '../../cards/views/message-view.js';
import { toUsageErrorView } from '../../cards/views/usage-error-view.js';
import { bindArguments, type ArgumentProblem } from './bind-arguments.js';
import type { AnyCommand, CommandContext } from '../context/command-context.js';
import { failureCard } from '../replies/failure-card.js';
import { findCommand } from './find-command.js';
import { tokenize } from './tokenize.js';
import { unknownCommandCard } from '../replies/unknown-command-card.js';
import { noteTurnAction, noteTurnOutcome } from '../telemetry/turn-span.js';

export const MAX_COMMAND_LENGTH = 4000;

/** From the text a user typed (mention already removed) to the card the bot answers with. */
export interface DispatchOptions {
  /**
   * The text came from a next-step button that knows only part of the command (`assign "EDR pilot"`): when arguments
   * are missing, answer with the command's usage and the command so far to complete, not with an error.
   */
  readonly fromButton?: boolean;
}

export async function dispatchMessage(
  text: string,
  context: CommandContext,
  options: DispatchOptions = {},
): Promise<AdaptiveCard | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') {
    return renderCard('notice', { title: 'Hello!', message: 'Type **help** to see what I can do.' });
  }
  if (trimmed.length > MAX_COMMAND_LENGTH) {
    return renderCard(
      'error',
      toErrorView({
        title: 'That message is too long',
        message: `Commands are at most ${MAX_COMMAND_LENGTH} characters; this one has ${trimmed.length}.`,
        fix: 'Send the command on its own, without pasted logs or attachments.',
        correlationId: context.correlationId,
      }),
    );
  }
  const words = tokenize(trimmed);
  const found = findCommand(context.commands, words);
  if (!found) noteTurnOutcome('unknown-command');
  if (!found) return unknownCommandCard(words.slice(0, 2).join(' ') || trimmed, context.commands);

  noteTurnAction({ command: found.command.name, role: found.command.role });
  const bound = bindArguments(found.command, found.rest);
  if (!bound.ok) {
    noteTurnOutcome('usage-error');
    if (options.fromButton && bound.problems.every((problem) => problem.problem === 'is required')) {
      return startedCommandCard(found.command, trimmed, bound.problems, context);
    }
    return renderCard('usage-error', toUsageErrorView(found.command, bound.problems));
  }

  const log = context.log.child({ command: found.command.name });
  log.info({ changesTenant: found.command.changesTenant }, 'command');
  try {
    await context.access.require(found.command.role, found.command.name);
    return await found.command.run(bound.args, { ...context, log });
  } catch (error) {
    return failureCard(error, context.correlationId, log);
  }
}

/** A button's command that still needs arguments: who may not run it is refused now, the others get it to complete. */
async function startedCommandCard(
  command: AnyCommand,
  started: string,
  missing: readonly ArgumentProblem[],
  context: CommandContext,
): Promise<AdaptiveCard> {
  try {
    await context.access.require(command.role, command.name);
  } catch (error) {
    return failureCard(error, context.correlationId, context.log);
  }
  const rest = missing.map((problem) =>
    problem.argument.startsWith('<') ? problem.argument : `${problem.argument} <…>`,
  );
  return renderCard('command-usage', { ...toCommandUsageView(command), started: [started, ...rest].join(' ') });
}
