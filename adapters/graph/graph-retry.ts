import type { GraphCall, GraphReply } from './graph-call.js';
import { toUpstreamError } from './graph-failure.js';
import type { GraphRuntime } from './graph-runtime.js';
import { sendOnce } from './graph-send-once.js';
import { backoffDelay, parseRetryAfter, retryableStatuses } from './retry-delay.js';

/**
 * The single retry policy for Graph: 429/503/504 are retried, honouring Retry-After (else backoff with
 * jitter), until the next wait would overrun `maxTotalMs`; then one domain error carries the request id.
 * Any other non-2xx status becomes a domain error at once.
 */
export async function sendWithRetry(runtime: GraphRuntime, call: GraphCall): Promise<GraphReply> {
  const startedAt = runtime.clock.now().getTime();
  for (let attempt = 1; ; attempt += 1) {
    const reply = await sendLogged(runtime, call, attempt);
    if (reply.status < 400) return reply;
    if (!retryableStatuses.has(reply.status)) throw toUpstreamError(call.operation, reply, attempt);
    const delay = nextDelay(runtime, reply.retryAfter, attempt);
    const elapsed = runtime.clock.now().getTime() - startedAt;
    if (elapsed + delay > runtime.policy.maxTotalMs) throw toUpstreamError(call.operation, reply, attempt);
    runtime.logger.warn(
      { operation: call.operation, status: reply.status, attempt, delayMs: delay, requestId: reply.requestId },
      'graph call will be retried',
    );
    await runtime.clock.sleep(delay);
  }
}

export function nextDelay(runtime: GraphRuntime, retryAfter: string | undefined, attempt: number): number {
  return parseRetryAfter(retryAfter, runtime.clock.now()) ?? backoffDelay(attempt, runtime.policy, runtime.random);
}

async function sendLogged(runtime: GraphRuntime, call: GraphCall, attempt: number): Promise<GraphReply> {
  const clientRequestId = runtime.newClientRequestId();
  const started = runtime.clock.now().getTime();
  const reply = await sendOnce(runtime.client, call, clientRequestId);
  runtime.logger.debug(
    {
      operation: call.operation,
      method: call.method,
      path: call.path,
      status: reply.status,
      attempt,
      clientRequestId,
      requestId: reply.requestId,
      durationMs: runtime.clock.now().getTime() - started,
    },
    'graph call',
  );
  return reply;
}
