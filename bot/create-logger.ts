import { pino } from 'pino';
import type { Logger } from '../core/ports/logger.js';
import type { Config } from './config/config.js';

const REDACTED_PATHS = ['*.authorization', '*.Authorization', '*.password', '*.secret', '*.token', '*.clientSecret'];

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'attachops' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
