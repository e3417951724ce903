import type { LogFields, Logger } from '../../core/ports/logger.js';
import { ConversationUnreachableError, statusOf } from './proactive-messenger.js';

/**
 * A proactive post or card update that did not arrive, logged as one warning. An unreachable conversation (the app was
 * removed, the chat is gone, the playground shows another user) is expected and nothing an operator acts on: one line,
 * no stack. Anything else keeps its error, still at warn: the run or request it belongs to goes on regardless.
 */
export function logUndelivered(log: Logger, error: unknown, fields: LogFields, message: string): void {
  if (error instanceof ConversationUnreachableError) {
    log.warn(
      { ...fields, conversationId: error.conversationId, status: error.status ?? 'no reference' },
      `${message}: conversation unreachable`,
    );
    return;
  }
  log.warn({ ...fields, err: error, status: statusOf(error) ?? 'unknown' }, message);
}

export function isUnreachable(error: unknown): boolean {
  return error instanceof ConversationUnreachableError;
}
