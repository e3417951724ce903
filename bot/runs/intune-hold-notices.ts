import { intuneHoldMessage } from '../../cards/views/intune-gate-view.js';
import { intuneGateOf } from '../../core/maa/intune-gate.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { isETagConflict, type Storage } from '../../core/ports/storage.js';
import { BackgroundTasks } from '../../core/runs/background-tasks.js';
import type { RunObserver } from '../../core/runs/run-engine.js';
import type { RunRecord } from '../../core/runs/run-record.js';
import type { PersonalChats } from '../conversations/personal-chats.js';
import { logUndelivered } from '../conversations/undelivered.js';

const SENT_PREFIX = 'intune-held-notice/';

export interface TextMessenger {
  postText(conversationId: string, text: string): Promise<string>;
}

export interface IntuneHoldNoticesOptions {
  readonly messenger: TextMessenger;
  readonly personalChats: PersonalChats;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * When Intune holds a run's write for Multi Admin Approval, the requester hears it once, in their personal chat, and
 * so does the conversation the request came from when that is another one (a channel, a group chat): one message
 * each, with the request id as text to copy. Once per request, whichever instance sees the hold first.
 */
export class IntuneHoldNotices implements RunObserver {
  private readonly tasks: BackgroundTasks;

  constructor(private readonly options: IntuneHoldNoticesOptions) {
    this.tasks = new BackgroundTasks(options.log);
  }

  runChanged(run: RunRecord): void {
    const held = run.steps.find((step) => step.state === 'waiting' && intuneGateOf(step)?.status === 'needsApproval');
    const requestId = held && intuneGateOf(held)?.requestId;
    if (requestId === undefined) return;
    this.tasks.start(`intune hold notice of ${run.id}`, () => this.notify(run, requestId));
  }

  idle(): Promise<void> {
    return this.tasks.idle();
  }

  private async notify(run: RunRecord, requestId: string): Promise<void> {
    const text = intuneHoldMessage(run, this.options.clock.now());
    if (text === undefined || !(await this.claim(run.id, requestId))) return;
    const personal = await this.options.personalChats.of(run.requestedBy.aadObjectId);
    const places = [...new Set([personal ?? run.conversationId, run.conversationId])];
    for (const conversationId of places) {
      try {
        await this.options.messenger.postText(conversationId, text);
      } catch (error) {
        logUndelivered(this.options.log, error, { runId: run.id, conversationId }, 'Intune hold notice not delivered');
      }
    }
  }

  private async claim(runId: string, requestId: string): Promise<boolean> {
    try {
      await this.options.storage.put(`${SENT_PREFIX}${runId}/${requestId}`, {}, { ifNoneMatch: '*' });
      return true;
    } catch (error) {
      if (isETagConflict(error)) return false;
      throw error;
    }
  }
}
