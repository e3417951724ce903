import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toRunProgressView } from '../../cards/views/run-view.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import type { RunObserver } from '../../core/runs/run-engine.js';
import { isTerminal, type RunRecord } from '../../core/runs/run-record.js';
import { BackgroundTasks } from '../../core/runs/background-tasks.js';
import { logUndelivered } from '../conversations/undelivered.js';

const PREFIX = 'run-card/';
/** Finished runs whose last change is remembered (so a late, older notification does not re-post an old state). */
export const FINISHED_REMEMBERED = 1000;
const cardRefSchema = z.object({
  conversationId: z.string(),
  activityId: z.string(),
  continued: z.boolean().optional(),
});
type CardRef = z.infer<typeof cardRefSchema>;

export interface CardMessenger {
  post(conversationId: string, card: AdaptiveCard): Promise<string>;
  update(conversationId: string, activityId: string, card: AdaptiveCard): Promise<void>;
}

export interface ProgressCardsOptions {
  readonly messenger: CardMessenger;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
  /** At most one edit of a card per this many milliseconds; changes in between are coalesced. */
  readonly minIntervalMs?: number;
  /** How many finished runs' last change time is kept (default FINISHED_REMEMBERED). */
  readonly finishedRemembered?: number;
}

/** One card per run, posted once and edited in place as the run moves; re-posted if the original is gone. */
export class ProgressCards implements RunObserver {
  private readonly latest = new Map<string, RunRecord>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();
  private readonly publishing = new Map<string, Promise<void>>();
  /** Runs whose card could not be delivered and that said so once already (until a delivery works again). */
  private readonly undelivered = new Set<string>();
  /**
   * Runs whose finished state was published, with that state's updatedAt; oldest dropped past FINISHED_REMEMBERED. The
   * maps above forget a run once its finished state is out, so they hold only runs still moving (issue 28: memory).
   */
  private readonly finished = new Map<string, number>();
  private readonly tasks: BackgroundTasks;
  private readonly minIntervalMs: number;

  constructor(private readonly options: ProgressCardsOptions) {
    this.tasks = new BackgroundTasks(options.log);
    this.minIntervalMs = options.minIntervalMs ?? 1000;
  }

  runChanged(run: RunRecord): void {
    if ((this.finished.get(run.id) ?? Number.NEGATIVE_INFINITY) > Date.parse(run.updatedAt)) return;
    const known = this.latest.get(run.id);
    if (known && !isNewer(run, known)) return;
    this.latest.set(run.id, run);
    if (this.timers.has(run.id)) return;
    const wait = Math.max(0, (this.lastSent.get(run.id) ?? 0) + this.minIntervalMs - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(run.id);
      this.tasks.start(`progress card ${run.id}`, () => this.publishLatest(run.id));
    }, wait);
    this.timers.set(run.id, timer);
  }

  /** Links a card the bot already posted (e.g. the reply to the command) as the run's progress card. */
  async adopt(runId: string, conversationId: string, activityId: string): Promise<void> {
    await this.options.storage.put(PREFIX + runId, { conversationId, activityId } satisfies CardRef);
  }

  async cardOf(runId: string): Promise<CardRef | undefined> {
    const item = await this.options.storage.get(PREFIX + runId);
    return item ? cardRefSchema.safeParse(item.value).data : undefined;
  }

  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.publishing.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await this.tasks.idle();
    }
  }

  /** How many runs this holds state for (still moving, plus finished ones remembered): bounded, see FINISHED_REMEMBERED. */
  held(): { moving: number; finished: number } {
    return {
      moving: new Set([...this.latest.keys(), ...this.lastSent.keys(), ...this.undelivered]).size,
      finished: this.finished.size,
    };
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async publishLatest(runId: string): Promise<void> {
    // Each edit waits for the one before it, whether that one worked or not: a failed edit must not swallow the next
    // (the latest state, often the run's last).
    const previous = this.publishing.get(runId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.publish(runId));
    this.publishing.set(runId, next);
    try {
      await next;
    } finally {
      if (this.publishing.get(runId) === next) this.publishing.delete(runId);
      this.forgetIfFinished(runId);
    }
  }

  /** A run whose finished state is out, with nothing newer waiting, is forgotten but for its last updatedAt. */
  private forgetIfFinished(runId: string): void {
    const run = this.latest.get(runId);
    if (!run || !isTerminal(run.status) || this.timers.has(runId) || this.publishing.has(runId)) return;
    this.latest.delete(runId);
    this.lastSent.delete(runId);
    this.undelivered.delete(runId);
    this.finished.delete(runId);
    this.finished.set(runId, Date.parse(run.updatedAt));
    if (this.finished.size > (this.options.finishedRemembered ?? FINISHED_REMEMBERED)) {
      const oldest = this.finished.keys().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }

  private async publish(runId: string): Promise<void> {
    const run = this.latest.get(runId);
    if (!run) return;
    this.lastSent.set(runId, Date.now());
    const ref = await this.cardOf(runId);
    const now = this.options.clock.now();
    if (ref) {
      try {
        await this.options.messenger.update(
          ref.conversationId,
          ref.activityId,
          renderCard('run-progress', toRunProgressView(run, now, { continued: ref.continued })),
        );
        this.undelivered.delete(runId);
        return;
      } catch (error) {
        // Not the end of it: a new card is posted below, and only if that fails too is there something to say.
        this.options.log.debug(
          { runId, conversationId: ref.conversationId, error: String(error) },
          'progress card could not be updated; posting a new one',
        );
      }
    }
    const card = renderCard('run-progress', toRunProgressView(run, now, { continued: ref !== undefined }));
    let activityId: string;
    try {
      activityId = await this.options.messenger.post(run.conversationId, card);
    } catch (error) {
      // The run goes on whatever its card does; one warning per run until a card arrives again.
      if (this.undelivered.has(runId))
        this.options.log.debug({ runId, error: String(error) }, 'progress card still not delivered');
      else logUndelivered(this.options.log, error, { runId }, 'progress card not delivered');
      this.undelivered.add(runId);
      return;
    }
    this.undelivered.delete(runId);
    await this.options.storage.put(PREFIX + runId, {
      conversationId: run.conversationId,
      activityId,
      continued: ref !== undefined,
    } satisfies CardRef);
  }
}

/** Notifications can arrive out of order; an older record never replaces a newer one (a retry is newer: it is later). */
function isNewer(incoming: RunRecord, known: RunRecord): boolean {
  return Date.parse(incoming.updatedAt) >= Date.parse(known.updatedAt);
}
