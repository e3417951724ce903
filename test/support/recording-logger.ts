import type { LogFields, Logger } from '../../core/ports/logger.js';

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: LogFields;
  readonly message: string;
}

/** A logger that keeps every line, children's included, for tests that assert on what reached the terminal. */
export function recordingLogger(lines: LoggedLine[] = [], bindings: LogFields = {}): Logger & { lines: LoggedLine[] } {
  const at =
    (level: LoggedLine['level']) =>
    (fields: LogFields, message = ''): void => {
      lines.push({ level, fields: { ...bindings, ...fields }, message });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}
