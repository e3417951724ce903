import type { LogFields, Logger } from '../../../core/ports/logger.js';

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: LogFields;
  readonly message: string | undefined;
}

export interface RecordingLogger extends Logger {
  readonly lines: LoggedLine[];
}

export function createRecordingLogger(lines: LoggedLine[] = [], bindings: LogFields = {}): RecordingLogger {
  const record =
    (level: LoggedLine['level']) =>
    (fields: LogFields, message?: string): void => {
      lines.push({ level, fields: { ...bindings, ...fields }, message });
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: (more) => createRecordingLogger(lines, { ...bindings, ...more }),
  };
}
