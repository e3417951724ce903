import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toRolloutView } from '../../cards/views/rollout-view.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { rolloutTimeline, isRollout } from '../../core/rollouts/rollout-timeline.js';
import { BackgroundTasks } from '../../core/runs/background-tasks.js';
import type { RunObserver } from '../../core/runs/run-engine.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { logUndelivered } from '../conversations/undelivered.js';

const SENT_PREFIX = 'rollout-halt-notice/';

export interface CardMessenger {
  post(conversationId: string, card: AdaptiveCard): Promise<string>;
}

export interface RolloutHaltNoticesOptions {
  readonly messenger: CardMessenger;
  /** APPROVALS_CHANNEL: where the people who decide what happens next are; the run's conversation without one. */
  readonly channel: string | undefined;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * A rollout that halts on a failed gate is said once in the channel: which ring, the gate's figures against its
 * thresholds, and the two ways on (Roll back this ring, Advance anyway; each an approved change). Once per rollout,
 * whichever instance sees the halt first.
 */
export class RolloutHaltNotices implements RunObserver {
  private readonly tasks: BackgroundTasks;

  constructor(private readonly options: RolloutHaltNoticesOptions) {
    this.tasks = new BackgroundTasks(options.log);
  }

  runChanged(run: RunRecord): void {
    if (!isRollout(run) || run.status !== 'failed') return;
    this.tasks.start(`rollout halt notice of ${run.id}`, () => this.notify(run));
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }

  private async notify(run: RunRecord): Promise<void> {
    const now = this.options.clock.now();
    const ring = rolloutTimeline(run, now).halted;
    if (!ring || !(await this.claim(run.id))) return;
    const view = toRolloutView(run, now);
    const card = renderCard('notice', {
      title: `Rollout halted at ring ${ring.name}`,
      message: `${run.title}: ring ${ring.name} did not pass its gate (${ring.gate ?? ''}). ${ring.figures ?? 'No figures could be read'}. No further ring was assigned. ${view.nextAction}`,
      nextSteps: view.nextSteps,
    });
    const conversationId = this.options.channel ?? run.conversationId;
    try {
      await this.options.messenger.post(conversationId, card);
    } catch (error) {
      logUndelivered(this.options.log, error, { runId: run.id, conversationId }, 'rollout halt notice not delivered');
    }
  }

  private async claim(runId: string): Promise<boolean> {
    try {
      await this.options.storage.put(
        `${SENT_PREFIX}${runId}`,
        { at: this.options.clock.now().toISOString() },
        {
          ifNoneMatch: '*',
        },
      );
      return true;
    } catch (error) {
      if (isETagConflict(error)) return false;
      throw error;
    }
  }
}
