import { ROLLOUT_ADVANCE } from '../../core/rollouts/rollout-steps.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toApprovalView, type ApprovalViewer } from '../../cards/views/approval-view.js';
import { intuneLineOf } from '../../cards/views/intune-gate-view.js';
import type { Actor } from '../../core/actor.js';
import type { ApprovalRecord } from '../../core/approvals/approval-record.js';
import type { ApprovalObserver, ApprovalService } from '../../core/approvals/approval-service.js';
import { sameObjectId } from '../../core/identity/object-id.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { BackgroundTasks } from '../../core/runs/background-tasks.js';
import type { RunObserver } from '../../core/runs/run-request.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import type { CardMessenger } from '../runs/progress-cards.js';
import type { KnownUsers } from '../conversations/known-users.js';
import { logUndelivered } from '../conversations/undelivered.js';

/** Teams refreshes a card for at most 60 listed users. */
const MAX_REFRESH_USERS = 60;

/**
 * The approval card: one base card everyone sees (the status), user-specific views through Universal Actions refresh
 * (approvers get Approve/Reject, the requester Cancel), and every posted copy updated when the request is decided.
 */
export class ApprovalCards implements ApprovalObserver, RunObserver {
  private readonly tasks: BackgroundTasks;
  /** The Intune state each run's approval card last showed, so a run change re-renders it only when that moved. */
  private readonly intuneShown = new Map<string, string>();
  private readonly announced = new Set<string>();

  constructor(
    private readonly approvals: ApprovalService,
    private readonly messenger: CardMessenger,
    private readonly knownUsers: KnownUsers,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly channel?: string,
    private readonly runs?: { get(runId: string): Promise<RunRecord | undefined> },
    /** Says, before anyone approves, that Intune will hold the change (absent without a tenant or MAA port). */
    private readonly intuneForecast?: { line(): Promise<string> },
  ) {
    this.tasks = new BackgroundTasks(log);
  }

  /** Posts the new request where it was made (and to the approvals channel when one is configured). */
  async announce(record: ApprovalRecord, send: (card: AdaptiveCard) => Promise<string>): Promise<void> {
    const card = await this.baseCard(record);
    const activityId = await send(card);
    await this.approvals.addCard(record.id, record.conversationId, activityId);
    if (this.channel && this.channel !== record.conversationId) {
      try {
        const channelActivity = await this.messenger.post(this.channel, card);
        await this.approvals.addCard(record.id, this.channel, channelActivity);
      } catch (error) {
        logUndelivered(
          this.log,
          error,
          { approvalId: record.id },
          'could not post the approval card to APPROVALS_CHANNEL',
        );
      }
    }
  }

  /** The card as this person should see it. */
  async cardFor(record: ApprovalRecord, actor: Actor, note?: string): Promise<AdaptiveCard> {
    const viewer = await this.viewerOf(record, actor);
    const intuneLine = await this.intuneLine(record);
    return renderCard(
      'approval',
      toApprovalView(record, { viewer, userIds: await this.audience(record), note, intuneLine, now: this.clock.now() }),
    );
  }

  approvalChanged(record: ApprovalRecord): void {
    if (record.cards.length === 0) {
      this.announceFromRun(record);
      return;
    }
    this.tasks.start(`approval card ${record.id}`, async () => {
      const latest = (await this.approvals.get(record.id)) ?? record;
      const card = await this.baseCard(latest);
      for (const ref of latest.cards) {
        try {
          await this.messenger.update(ref.conversationId, ref.activityId, card);
        } catch (error) {
          logUndelivered(
            this.log,
            error,
            { approvalId: record.id, conversationId: ref.conversationId },
            'approval card could not be updated',
          );
        }
      }
    });
  }

  /**
   * A request a run opened itself (a rollout's next ring, approve-each) has no command to post its card: it is posted
   * to the run's conversation (and the approvals channel) once, when it is opened.
   */
  private announceFromRun(record: ApprovalRecord): void {
    if (record.plan.kind !== ROLLOUT_ADVANCE || record.status !== 'pending' || this.announced.has(record.id)) return;
    this.announced.add(record.id);
    this.tasks.start(`approval card ${record.id}`, () =>
      this.announce(record, (card) => this.messenger.post(record.conversationId, card)),
    );
  }

  /** When Intune decides on a run's held write, the approval card says so too. */
  runChanged(run: RunRecord): void {
    const shown = intuneLineOf(run, this.clock.now());
    if (shown === '' || this.intuneShown.get(run.id) === shown) return;
    this.intuneShown.set(run.id, shown);
    const approvalId = run.steps.find((step) => typeof step.input.approvalId === 'string')?.input.approvalId;
    if (typeof approvalId !== 'string') return;
    this.tasks.start(`approval card of ${run.id}`, async () => {
      const record = await this.approvals.get(approvalId);
      if (record) this.approvalChanged(record);
    });
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }

  /** What Intune did with the run's write, or, while the request waits here, that Intune will hold it. */
  private async intuneLine(record: ApprovalRecord): Promise<string> {
    const line = intuneLineOf(await this.runs?.get(record.runId), this.clock.now());
    if (line !== '' || record.status !== 'pending') return line;
    return (await this.intuneForecast?.line()) ?? '';
  }

  private async baseCard(record: ApprovalRecord): Promise<AdaptiveCard> {
    const intuneLine = await this.intuneLine(record);
    return renderCard(
      'approval',
      toApprovalView(record, {
        viewer: 'viewer',
        userIds: await this.audience(record),
        intuneLine,
        now: this.clock.now(),
      }),
    );
  }

  private async viewerOf(record: ApprovalRecord, actor: Actor): Promise<ApprovalViewer> {
    if (sameObjectId(actor.aadObjectId, record.requestedBy.aadObjectId)) return 'requester';
    return (await this.approvals.isApprover(actor)) ? 'approver' : 'viewer';
  }

  /** Who gets a personal view through refresh; `isApprover` never throws, so one unknown person blocks nobody. */
  private async audience(record: ApprovalRecord): Promise<string[]> {
    if (record.status !== 'pending') return [];
    const ids = [record.requestedBy.channelUserId];
    for (const user of await this.knownUsers.all()) {
      if (ids.length >= MAX_REFRESH_USERS) break;
      if (sameObjectId(user.aadObjectId, record.requestedBy.aadObjectId)) continue;
      if (
        await this.approvals.isApprover({
          aadObjectId: user.aadObjectId,
          channelUserId: user.channelUserId,
          name: user.name,
        })
      )
        ids.push(user.channelUserId);
    }
    return ids;
  }
}
