import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toDriftView, type DriftCardInput, type DriftCardStatus } from '../../cards/views/drift-view.js';
import type { DriftNames } from '../../core/drift/drift-names.js';
import type { DriftNotifier } from '../../core/drift/drift-watch.js';
import type { DriftItem } from '../../core/drift/policy-drift.js';
import { DRIFT_STEP_KINDS } from '../../core/drift/steps/drift-step-kinds.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { BackgroundTasks } from '../../core/runs/background-tasks.js';
import type { RunObserver } from '../../core/runs/run-request.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import type { ProactiveMessenger } from '../conversations/proactive-messenger.js';
import type { DriftCardStore } from './drift-card-store.js';

export function driftCard(input: DriftCardInput, now: Date): AdaptiveCard {
  return renderCard('drift', toDriftView(input, now));
}

/** What a finished drift run did to its episode, for the card. */
function settledStatus(run: RunRecord): { episodeId: string; status: DriftCardStatus } | undefined {
  const at = run.endedAt ?? run.updatedAt;
  const by = run.requestedBy.name ?? 'someone';
  for (const step of run.steps) {
    const episodeId = step.input.episodeId;
    if (step.state !== 'done' || typeof episodeId !== 'string') continue;
    // A part step is one write of several: the closing step says the whole revert or recreate is done.
    if (step.input.part !== undefined) continue;
    if (step.kind === DRIFT_STEP_KINDS.reverted) return { episodeId, status: { kind: 'reverted', by, at } };
    if (step.kind === DRIFT_STEP_KINDS.recreated) return { episodeId, status: { kind: 'recreated', by, at } };
    if (step.kind === DRIFT_STEP_KINDS.revert) return { episodeId, status: { kind: 'reverted', by, at } };
    if (step.kind === DRIFT_STEP_KINDS.recreate) return { episodeId, status: { kind: 'recreated', by, at } };
    if (step.kind === DRIFT_STEP_KINDS.baseline) return { episodeId, status: { kind: 'accepted', by, at } };
  }
  return undefined;
}

/**
 * The drift card in DRIFT_CHANNEL: posted once per episode (the card store's claim, keyed by the episode), updated in
 * place when more changes arrive or a revert or accept run ends. Without a channel, drift is audited and logged only.
 */
export class DriftCards implements DriftNotifier, RunObserver {
  private readonly tasks: BackgroundTasks;

  constructor(
    private readonly options: {
      readonly store: DriftCardStore;
      readonly messenger: Pick<ProactiveMessenger, 'post' | 'update'>;
      readonly channel: string | undefined;
      readonly clock: Clock;
      readonly log: Logger;
      /** Display names of the groups drift items name; without it the card shows their ids in Details. */
      readonly groupNames?: (items: readonly DriftItem[]) => Promise<DriftNames>;
    },
  ) {
    this.tasks = new BackgroundTasks(options.log);
  }

  async show(...[change, finding, who]: Parameters<DriftNotifier['show']>): Promise<void> {
    const { store, messenger, channel, clock, log } = this.options;
    const { episode } = change;
    if (channel === undefined) {
      log.info({ episode: episode.id, policy: episode.policyName }, 'drift found; no channel to post in');
      return;
    }
    const now = clock.now();
    const input: DriftCardInput = {
      episodeId: episode.id,
      policyId: episode.policyId,
      policyName: episode.policyName,
      openedAt: episode.openedAt,
      updatedAt: episode.updatedAt,
      items: finding.items,
      who,
      status: { kind: 'open' },
      ...(this.options.groupNames ? { groupNames: await this.options.groupNames(finding.items) } : {}),
    };
    const claim = await store.claim({ conversationId: channel, claimedAt: now.toISOString(), input }, now);
    if (claim.kind === 'claimed') {
      const activityId = await messenger.post(channel, driftCard(input, now));
      await store.posted(episode.id, activityId);
      return;
    }
    const changed = await store.change(episode.id, (current) => ({
      ...current,
      input: { ...input, status: current.input.status },
    }));
    if (changed?.activityId !== undefined) {
      await messenger.update(changed.conversationId, changed.activityId, driftCard(changed.input, now));
    }
  }

  /** Marks the card of an episode (a request asked for, or a run's outcome) and redraws it in place. */
  async mark(episodeId: string, status: DriftCardStatus): Promise<AdaptiveCard | undefined> {
    const changed = await this.options.store.change(episodeId, (current) => ({
      ...current,
      input: { ...current.input, status },
    }));
    if (changed === undefined) return undefined;
    const card = driftCard(changed.input, this.options.clock.now());
    if (changed.activityId !== undefined) {
      await this.options.messenger.update(changed.conversationId, changed.activityId, card);
    }
    return card;
  }

  runChanged(run: RunRecord): void {
    if (run.status !== 'done') return;
    const settled = settledStatus(run);
    if (settled === undefined) return;
    this.tasks.start(`drift card of ${settled.episodeId}`, async () => {
      await this.mark(settled.episodeId, settled.status);
    });
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }
}
