import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { deliveryOf, networkCodeOf } from '../transient/network-failure.js';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from '../transient/retry-delay.js';
import { afterNoAnswer, afterStatus, type RequestSafety } from '../transient/retry-rules.js';
import type { AdminServiceRequest, AdminServiceResponse, AdminServiceTransport } from './transport.js';
import { asAttempt } from '../telemetry/attempt.js';
import { inUpstreamSpan } from '../telemetry/upstream-span.js';

export interface RetryingTransportOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry?: Partial<RetryPolicy>;
  readonly random?: () => number;
}

/**
 * A layer over any AdminService transport (NTLM, Bearer) with the same rules and budget as Graph
 * (adapters/transient/retry-rules.ts): reads are repeated on 429, 502/503/504, resets, timeouts and DNS failures with
 * jittered backoff honouring Retry-After; a write only when the connection was refused. When the budget runs out the
 * last answer (or error) is handed on, and the gateway maps it as before.
 */
export function createRetryingTransport(
  inner: AdminServiceTransport,
  options: RetryingTransportOptions,
): AdminServiceTransport {
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const random = options.random ?? Math.random;
  return {
    async send(request) {
      const safety: RequestSafety = request.method === 'GET' || request.readOnly === true ? 'read' : 'write';
      const startedAt = options.clock.now().getTime();
      for (let attempt = 1; ; attempt += 1) {
        let response: AdminServiceResponse;
        try {
          response = await asAttempt(attempt, () =>
            inUpstreamSpan(
              { upstream: 'adminservice', method: request.method, path: request.path },
              () => inner.send(request),
              (answer) => answer.status,
            ),
          );
        } catch (error) {
          const delivery = deliveryOf(error);
          if (delivery === undefined || afterNoAnswer(safety, delivery) !== 'retry') throw error;
          const delay = backoffDelay(attempt, policy, random);
          if (!withinBudget(startedAt, delay)) throw error;
          log(request, { network: networkCodeOf(error), attempt, delayMs: delay });
          await options.clock.sleep(delay);
          continue;
        }
        if (response.status < 400 || afterStatus(safety, response.status) !== 'retry') return response;
        const delay =
          parseRetryAfter(headerOf(response, 'retry-after'), options.clock.now()) ??
          backoffDelay(attempt, policy, random);
        if (!withinBudget(startedAt, delay)) return response;
        log(request, { status: response.status, attempt, delayMs: delay });
        await options.clock.sleep(delay);
      }
    },
  };

  function withinBudget(startedAt: number, delay: number): boolean {
    return options.clock.now().getTime() - startedAt + delay <= policy.maxTotalMs;
  }

  function log(request: AdminServiceRequest, details: Record<string, unknown>): void {
    options.logger.warn(
      { method: request.method, path: request.path, ...details },
      'adminservice call will be retried',
    );
  }
}

function headerOf(response: AdminServiceResponse, name: string): string | undefined {
  return Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1];
}
