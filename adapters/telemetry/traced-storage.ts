import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Storage } from '../../core/ports/storage.js';
import { tracer } from './instruments.js';

/**
 * The Storage port with a client span per call (`storage get`, `storage put`…), carrying the operation and the key's
 * first segment (`run`, `lease`, `approval`), never the rest of the key. Every method of the port is wrapped as it
 * comes, so the port can grow without this falling behind.
 */
export function tracedStorage(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) =>
        tracer().startActiveSpan(
          `storage ${property}`,
          {
            kind: SpanKind.CLIENT,
            attributes: { 'attachops.storage.operation': property, 'attachops.storage.kind': kindOf(args[0]) },
          },
          async (span) => {
            try {
              return (await (value as (...a: unknown[]) => unknown).apply(target, args)) as unknown;
            } catch (error) {
              span.setAttribute('error.type', error instanceof Error ? error.name : 'unknown');
              span.setStatus({ code: SpanStatusCode.ERROR });
              throw error;
            } finally {
              span.end();
            }
          },
        );
    },
  });
}

/** `run/r-1` → `run`: what kind of item, never which. */
function kindOf(key: unknown): string {
  return typeof key === 'string' ? (key.split('/')[0] ?? '') : '';
}
