import { context, createContextKey } from '@opentelemetry/api';

const ATTEMPT = createContextKey('attachops.attempt');

/** Runs `send` as the `attempt`th try of one upstream call, so the request's span says how many retries came before. */
export function asAttempt<T>(attempt: number, send: () => Promise<T>): Promise<T> {
  return context.with(context.active().setValue(ATTEMPT, attempt), send);
}

/** The try this request is (1 for the first), as set by the retry loop around it. */
export function currentAttempt(): number {
  const value = context.active().getValue(ATTEMPT);
  return typeof value === 'number' ? value : 1;
}
