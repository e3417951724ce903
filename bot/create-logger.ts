import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { Logger } from '../core/ports/logger.js';
import type { Config } from './config/config.js';

const REDACTED_PATHS = ['*.authorization', '*.Authorization', '*.password', '*.secret', '*.token', '*.clientSecret'];

export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { service: 'attachops' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: traceIds,
  });
}

/** The current span's trace and span ids, so a log line can be found from its trace in Application Insights. */
function traceIds(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
