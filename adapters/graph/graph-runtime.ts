import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import { defaultRetryPolicy, type RetryPolicy } from '../transient/retry-delay.js';

export interface GraphHttpDeps {
  /** Built by bot/upstream/graph-client.ts, whose middleware chain has no retry handler of its own. */
  readonly client: Client;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly retry?: Partial<RetryPolicy>;
  readonly random?: () => number;
  readonly newClientRequestId?: () => string;
}

export interface GraphRuntime {
  readonly client: Client;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly newClientRequestId: () => string;
}

export function toRuntime(deps: GraphHttpDeps): GraphRuntime {
  return {
    client: deps.client,
    logger: deps.logger.child({ upstream: 'graph' }),
    clock: deps.clock,
    policy: { ...defaultRetryPolicy, ...deps.retry },
    random: deps.random ?? Math.random,
    newClientRequestId: deps.newClientRequestId ?? randomUUID,
  };
}
