// Copies a child's output to `sink` line by line, each line prefixed with the child's name.
import { createInterface } from 'node:readline';

/**
 * @param {NodeJS.ReadableStream} stream
 * @param {string} name
 * @param {NodeJS.WritableStream} sink
 * @param {(line: string) => void} [onLine]
 */
export function prefixLines(stream, name, sink, onLine = () => {}) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    sink.write(`[${name}] ${line}\n`);
    onLine(line);
  });
  return lines;
}
