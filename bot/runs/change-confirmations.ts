import { renderCard } from '../../cards/render.js';
import { runNextSteps } from '../../cards/views/run-next-steps.js';
import { plainText } from '../../cards/views/technical-text.js';
import type { Actor } from '../../core/actor.js';
import type { ApprovalService } from '../../core/approvals/approval-service.js';
import { sameObjectId } from '../../core/identity/object-id.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { BackgroundTasks } from '../../core/runs/background-tasks.js';
import type { RunObserver } from '../../core/runs/run-engine.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import { statusOf } from '../conversations/proactive-messenger.js';
import type { PersonalChats } from '../conversations/personal-chats.js';
import type { CardMessenger } from './progress-cards.js';

const SENT_PREFIX = 'change-confirmed/';

export interface ChangeConfirmationsOptions {
  readonly messenger: CardMessenger;
  readonly approvals: Pick<ApprovalService, 'get'>;
  readonly personalChats: PersonalChats;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * When an approved change ends (done or failed), its requester and its approvers each get a short confirmation in
 * their own personal chat, with the next step. Sent once per ending, whichever instance sees it; a person the bot
 * cannot reach costs one warning line and nothing else.
 */
export class ChangeConfirmations implements RunObserver {
  private readonly tasks: BackgroundTasks;

  constructor(private readonly options: ChangeConfirmationsOptions) {
    this.tasks = new BackgroundTasks(options.log);
  }

  runChanged(run: RunRecord): void {
    if (run.status !== 'done' && run.status !== 'failed') return;
    const approvalId = run.steps.find((step) => typeof step.input.approvalId === 'string')?.input.approvalId;
    if (typeof approvalId !== 'string') return;
    this.tasks.start(`confirmation of ${run.id}`, () => this.confirm(run, approvalId));
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }

  private async confirm(run: RunRecord, approvalId: string): Promise<void> {
    if (!(await this.claim(run))) return;
    const record = await this.options.approvals.get(approvalId);
    const people = distinct([run.requestedBy, ...(record?.approvals.map((approval) => approval.by) ?? [])]);
    const card = this.cardFor(run);
    for (const person of people) {
      const conversationId = await this.options.personalChats.of(person.aadObjectId);
      if (!conversationId) {
        this.options.log.warn({ runId: run.id, person: person.name }, 'no personal chat to confirm the change in');
        continue;
      }
      try {
        await this.options.messenger.post(conversationId, card);
      } catch (error) {
        // One line, no stack: an unreachable chat is expected (the app was removed) and must not fail the run.
        this.options.log.warn(
          { runId: run.id, conversationId, status: statusOf(error) ?? 'unknown' },
          'change confirmation not delivered: personal chat unreachable',
        );
      }
    }
  }

  /** Only the first instance to see this ending sends the confirmations. */
  private async claim(run: RunRecord): Promise<boolean> {
    try {
      await this.options.storage.put(
        `${SENT_PREFIX}${run.id}/${run.status}/${run.updatedAt}`,
        {},
        { ifNoneMatch: '*' },
      );
      return true;
    } catch (error) {
      if (isETagConflict(error)) return false;
      throw error;
    }
  }

  private cardFor(run: RunRecord) {
    const now = this.options.clock.now();
    if (run.status === 'done') {
      const next = runNextSteps(run);
      return renderCard('notice', {
        title: `Done: ${run.title}`,
        message: next.hint ? `Next: ${next.hint}` : 'Nothing else to do.',
        nextSteps: next.steps,
      });
    }
    const problem = run.steps.find((step) => step.state === 'failed')?.problem;
    const why = problem ? plainText(`${problem.title}. ${problem.fix ?? ''}`, now).text : 'A step failed.';
    return renderCard('notice', {
      title: `Failed: ${run.title}`,
      message: `${why} Nothing more was changed; the run card says where it stopped.`,
      nextSteps: [{ title: 'Show the run', command: `run ${run.id}` }],
    });
  }
}

function distinct(people: readonly Actor[]): Actor[] {
  return people.filter(
    (person, index) =>
      people.findIndex((other) =>
        other.aadObjectId && person.aadObjectId
          ? sameObjectId(other.aadObjectId, person.aadObjectId)
          : other.channelUserId === person.channelUserId,
      ) === index,
  );
}
