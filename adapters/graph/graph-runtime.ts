import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { defaultRetryPolicy, type RetryPolicy } from '../transient/retry-delay.js';
import { createCoalescingExchange, type GraphExchange } from './graph-coalescer.js';

export interface GraphHttpDeps {
  /** Built by bot/upstream/graph-client.ts, whose middleware chain has no retry handler of its own. */
  readonly client: Client;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly retry?: Partial<RetryPolicy>;
  readonly random?: () => number;
  readonly newClientRequestId?: () => string;
  /** Told the Date header of every answer (graph-service-time.ts). */
  readonly onServiceDate?: (dateHeader: string | undefined) => void;
}

export interface GraphRuntime {
  /** One HTTP attempt of a call; reads issued together share a `$batch` (graph-coalescer.ts). */
  readonly exchange: GraphExchange;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly newClientRequestId: () => string;
}

export function toRuntime(deps: GraphHttpDeps): GraphRuntime {
  const logger = deps.logger.child({ upstream: 'graph' });
  const newClientRequestId = deps.newClientRequestId ?? randomUUID;
  return {
    exchange: observingDates(createCoalescingExchange({ client: deps.client, logger, newClientRequestId }), deps),
    logger,
    clock: deps.clock,
    policy: { ...defaultRetryPolicy, ...deps.retry },
    random: deps.random ?? Math.random,
    newClientRequestId,
  };
}

function observingDates(exchange: GraphExchange, deps: GraphHttpDeps): GraphExchange {
  const observe = deps.onServiceDate;
  if (observe === undefined) return exchange;
  return async (call, clientRequestId) => {
    const reply = await exchange(call, clientRequestId);
    observe(reply.serviceDate);
    return reply;
  };
}
