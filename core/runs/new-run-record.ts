import type { RunRecord } from './run-record.js';
import type { RunRequest } from './run-request.js';

/** A run as it is first stored: active, every step pending, numbered s1, s2, … in the order requested. */
export function newRunRecord(request: RunRequest, id: string, now: Date, traceparent?: string): RunRecord {
  const at = now.toISOString();
  return {
    id,
    kind: request.kind,
    title: request.title,
    requestedBy: { ...request.requestedBy },
    conversationId: request.conversationId,
    createdAt: at,
    updatedAt: at,
    status: 'active',
    resources: [...request.resources],
    steps: request.steps.map((step, index) => ({
      id: `s${index + 1}`,
      kind: step.kind,
      title: step.title,
      state: 'pending',
      input: { ...step.input },
      attempts: 0,
    })),
    ...(traceparent === undefined ? {} : { traceparent }),
  };
}
