import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toRunListView } from '../../cards/views/run-view.js';
import {
  runListContinuation,
  unreadableContinuation,
  type RunListScope,
} from '../../core/runs/run-list-continuation.js';
import { isUserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';

export const RUNS_SHOWN = 10;

/**
 * One page of the runs list, newest first, from the list index (never the whole history), with a More button that
 * carries only an opaque continuation token when older runs follow. `after` is the storage continuation a More button's
 * token held, already checked against the scope by the caller.
 */
export async function runListCard(services: AppServices, scope: RunListScope, after?: string): Promise<AdaptiveCard> {
  const request = {
    ...('all' in scope ? {} : { conversationId: scope.conversationId }),
    limit: RUNS_SHOWN,
    ...(after === undefined ? {} : { continuation: after }),
  };
  const page = await services.runs.page(request).catch((error: unknown) => {
    // a continuation storage refuses (garbled, or from a store since replaced) is the button's fault, not a crash
    if (after === undefined || isUserFacingError(error)) throw error;
    throw unreadableContinuation();
  });
  const shown = 'all' in scope ? page.runs : page.runs.filter((run) => run.conversationId === scope.conversationId);
  const more = page.continuation === undefined ? undefined : runListContinuation(scope, page.continuation);
  return renderCard('run-list', toRunListView(shown, services.clock.now(), { more, older: after !== undefined }));
}
