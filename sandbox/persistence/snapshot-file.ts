import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `text` to `file` so that a reader (or a restart after a crash) sees the old content or the new, never a
 * mix: a temporary file in the same directory, flushed, then renamed over the old one, then the directory flushed.
 */
export function writeFileAtomically(file: string, text: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o600 });
    const handle = openSync(temporary, 'r');
    try {
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  const directory = openSync(dir, 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}

/** The file's JSON, `undefined` when there is no file, or the reason it could not be read. */
export function readJsonFile(
  file: string,
): { found: false } | { found: true; json: unknown } | { found: true; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    return { found: true, error: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { found: true, json: JSON.parse(text) as unknown };
  } catch {
    return { found: true, error: 'not valid JSON' };
  }
}
