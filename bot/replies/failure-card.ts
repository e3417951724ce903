import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toErrorView } from '../../cards/views/message-view.js';
import type { Logger } from '../../core/ports/logger.js';
import { isUserFacingError } from '../../core/user-facing-error.js';
import { noteTurnOutcome } from '../telemetry/turn-span.js';

/** Turns any failure into a card: explained errors as they are, anything else as a reference to the log. */
export function failureCard(error: unknown, correlationId: string, log: Logger): AdaptiveCard {
  if (isUserFacingError(error)) {
    noteTurnOutcome('refused');
    log.warn({ title: error.title, reason: error.message }, 'command refused');
    return renderCard(
      'error',
      toErrorView({ title: error.title, message: error.message, fix: error.fix, correlationId }),
    );
  }
  noteTurnOutcome('failed');
  log.error({ err: error }, 'command failed');
  return renderCard(
    'error',
    toErrorView({
      title: 'Something went wrong on my side',
      message: 'The details are in the bot log under the reference below.',
      fix: 'Try again in a minute; if it keeps failing, give the reference to whoever runs AttachOps.',
      correlationId,
    }),
  );
}
