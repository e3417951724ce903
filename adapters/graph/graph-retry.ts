import { UpstreamOutcomeUnknown, UpstreamUnavailable } from '../../core/errors/upstream-error.js';
import { afterNoAnswer, afterStatus, type AttemptVerdict } from '../transient/retry-rules.js';
import { type GraphCall, type GraphReply, safetyOf } from './graph-call.js';
import { failureOf, toUpstreamError } from './graph-failure.js';
import type { GraphRuntime } from './graph-runtime.js';
import { GraphNoAnswer } from './graph-send-once.js';
import { backoffDelay, parseRetryAfter } from '../transient/retry-delay.js';
import { heldForApproval, meetsActiveRequest } from './maa/held-write.js';
import { rejoinActiveRequest } from './maa/rejoin-request.js';
import { asAttempt } from '../telemetry/attempt.js';

/**
 * The single retry policy for Graph (adapters/transient/retry-rules.ts says what is repeated): 429 always, and
 * for reads also 502/503/504, resets, timeouts and DNS failures; a write is repeated after a network failure only
 * when it provably never left (refused connection). Waits honour Retry-After, else backoff with jitter, until the
 * next wait would overrun `maxTotalMs`; then one domain error carries the request id. A write whose answer never
 * came ends in UpstreamOutcomeUnknown; any other non-2xx status becomes a domain error at once.
 */
export async function sendWithRetry(runtime: GraphRuntime, call: GraphCall): Promise<GraphReply> {
  const startedAt = runtime.clock.now().getTime();
  const safety = safetyOf(call);
  for (let attempt = 1; ; attempt += 1) {
    await call.beforeSend?.();
    let reply: GraphReply;
    try {
      reply = await sendLogged(runtime, call, attempt);
    } catch (error) {
      if (!(error instanceof GraphNoAnswer)) throw error;
      const verdict = afterNoAnswer(safety, error.delivery);
      const failure = { upstream: 'graph' as const, operation: call.operation, clientRequestId: error.clientRequestId };
      if (verdict === 'outcome-unknown') throw new UpstreamOutcomeUnknown(failure, error.networkCode);
      const delay = backoffDelay(attempt, runtime.policy, runtime.random);
      if (!withinBudget(runtime, startedAt, delay)) {
        throw new UpstreamUnavailable({ ...failure, serviceMessage: `no answer (${error.networkCode})` }, attempt);
      }
      logRetry(runtime, call, { network: error.networkCode, attempt, delayMs: delay });
      await runtime.clock.sleep(delay);
      continue;
    }
    if (reply.status < 400) return reply;
    const held = heldForApproval(call, reply);
    if (held) throw held;
    if (meetsActiveRequest(call, reply)) {
      const refusal = toUpstreamError(call.operation, reply, attempt);
      throw await rejoinActiveRequest(call, reply, (lookup) => sendWithRetry(runtime, lookup), refusal);
    }
    const verdict: AttemptVerdict = afterStatus(safety, reply.status);
    if (verdict === 'give-up') throw toUpstreamError(call.operation, reply, attempt);
    if (verdict === 'outcome-unknown') {
      const retryAfterMs = parseRetryAfter(reply.retryAfter, runtime.clock.now());
      throw new UpstreamOutcomeUnknown(failureOf(call.operation, reply), `HTTP ${reply.status}`, {
        status: reply.status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    const delay = nextDelay(runtime, reply.retryAfter, attempt);
    if (!withinBudget(runtime, startedAt, delay)) throw toUpstreamError(call.operation, reply, attempt);
    logRetry(runtime, call, { status: reply.status, attempt, delayMs: delay, requestId: reply.requestId });
    await runtime.clock.sleep(delay);
  }
}

export function nextDelay(runtime: GraphRuntime, retryAfter: string | undefined, attempt: number): number {
  return parseRetryAfter(retryAfter, runtime.clock.now()) ?? backoffDelay(attempt, runtime.policy, runtime.random);
}

function withinBudget(runtime: GraphRuntime, startedAt: number, delay: number): boolean {
  return runtime.clock.now().getTime() - startedAt + delay <= runtime.policy.maxTotalMs;
}

function logRetry(runtime: GraphRuntime, call: GraphCall, details: Record<string, unknown>): void {
  runtime.logger.warn({ operation: call.operation, ...details }, 'graph call will be retried');
}

async function sendLogged(runtime: GraphRuntime, call: GraphCall, attempt: number): Promise<GraphReply> {
  const clientRequestId = runtime.newClientRequestId();
  const started = runtime.clock.now().getTime();
  const reply = await asAttempt(attempt, () => runtime.exchange(call, clientRequestId));
  runtime.logger.debug(
    {
      operation: call.operation,
      method: call.method,
      path: call.path,
      status: reply.status,
      attempt,
      clientRequestId,
      requestId: reply.requestId,
      ...(reply.viaBatch === undefined ? {} : { viaBatch: reply.viaBatch }),
      durationMs: runtime.clock.now().getTime() - started,
    },
    'graph call',
  );
  return reply;
}
