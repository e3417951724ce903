import { IntuneApprovalRequired } from '../../../core/maa/intune-approval-required.js';
import type {
  IntuneApprovalRequest,
  IntuneApprovals,
  IntuneRequestStatus,
} from '../../../core/ports/intune-approvals.js';
import type { StepHandler, StepOutcome, WorldCheck } from '../../../core/runs/step-handler.js';

/**
 * A tenant whose every write is held by Multi Admin Approval: `perform` is refused with a new code, the request's
 * status follows `script` (one entry per read, the last repeated), and only `resend` with an approved code makes the fact.
 */
export class FakeIntune implements IntuneApprovals {
  readonly facts = new Set<string>();
  readonly performs: { fact: string; justification?: string }[] = [];
  readonly resends: { heldWrite: unknown; requestId: string }[] = [];
  readonly reads: string[] = [];
  script: IntuneRequestStatus[] = ['approved'];
  decidedBy = 'Patti Fernandez';
  reason = 'ok';
  failReads = 0;
  /** No way of reading finds the request (a hidden or lagging request): getRequest answers undefined. */
  missing = false;
  /** The next write meets the entity's pending request (409) and rejoins it instead of filing a new one. */
  rejoins = false;
  private codes = 0;

  handler(kind = 'write'): StepHandler {
    return {
      kind,
      changesTenant: true,
      check: (step): Promise<WorldCheck> =>
        Promise.resolve(
          this.facts.has(String(step.input.fact))
            ? { done: true, message: `${String(step.input.fact)} is there` }
            : { done: false },
        ),
      perform: (step, context): Promise<StepOutcome> => {
        const fact = String(step.input.fact);
        this.performs.push({
          fact,
          ...(context.write.justification === undefined ? {} : { justification: context.write.justification }),
        });
        this.codes += 1;
        throw new IntuneApprovalRequired(`code-${this.codes}`, `make ${fact}`, { fact }, undefined, {
          rejoined: this.rejoins,
        });
      },
    };
  }

  getRequest(requestId: string): Promise<IntuneApprovalRequest | undefined> {
    this.reads.push(requestId);
    if (this.missing) return Promise.resolve(undefined);
    if (this.failReads > 0) {
      this.failReads -= 1;
      return Promise.reject(new Error('Intune is not answering'));
    }
    const status =
      this.script.length > 1 ? (this.script.shift() ?? 'needsApproval') : (this.script[0] ?? 'needsApproval');
    const decided = status === 'approved' || status === 'rejected';
    return Promise.resolve({
      requestId,
      status,
      expiresAt: '2026-11-26T09:00:00.000Z',
      approverGroups: ['Intune-MAA-Approvers'],
      ...(decided ? { approver: this.decidedBy, approvalJustification: this.reason } : {}),
    });
  }

  resend(heldWrite: unknown, requestId: string): Promise<void> {
    this.resends.push({ heldWrite, requestId });
    this.facts.add(String((heldWrite as { fact: unknown }).fact));
    return Promise.resolve();
  }

  readonly cancelled: string[] = [];

  cancelRequest(requestId: string): Promise<void> {
    this.cancelled.push(requestId);
    return Promise.resolve();
  }

  listAccessPolicies() {
    return Promise.resolve([]);
  }
}
