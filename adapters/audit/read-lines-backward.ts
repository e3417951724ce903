import type { FileHandle } from 'node:fs/promises';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 64 * 1024;

export interface LineAt {
  readonly text: string;
  /** The byte offset where the line starts. */
  readonly start: number;
}

/**
 * Up to `limit` whole lines that end before byte `end` (which must sit just past a newline, or at 0), newest first. Reads
 * back from `end` in 64 KiB chunks and stops as soon as it has them: the cost follows the lines returned, not the file.
 */
export async function readLinesBackward(handle: FileHandle, end: number, limit: number): Promise<LineAt[]> {
  const lines: LineAt[] = [];
  if (end <= 0) return lines;
  // `buffer` holds the bytes [bufferStart, end of the newest line not yet returned), without that line's newline.
  let bufferStart = end - 1;
  let buffer = Buffer.alloc(0);
  while (lines.length < limit) {
    const newline = buffer.lastIndexOf(NEWLINE);
    if (newline !== -1) {
      lines.push({ text: buffer.subarray(newline + 1).toString('utf8'), start: bufferStart + newline + 1 });
      buffer = buffer.subarray(0, newline);
    } else if (bufferStart === 0) {
      lines.push({ text: buffer.toString('utf8'), start: 0 });
      break;
    } else {
      const chunkStart = Math.max(0, bufferStart - CHUNK_BYTES);
      const chunk = Buffer.alloc(bufferStart - chunkStart);
      await handle.read(chunk, 0, chunk.length, chunkStart);
      buffer = Buffer.concat([chunk, buffer]);
      bufferStart = chunkStart;
    }
  }
  return lines;
}

/** The line that starts at `start`, without its newline; undefined when there is no whole line there. */
export async function readLineAt(handle: FileHandle, start: number, fileEnd: number): Promise<string | undefined> {
  const parts: Buffer[] = [];
  for (let position = start; position < fileEnd; position += CHUNK_BYTES) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, fileEnd - position));
    await handle.read(chunk, 0, chunk.length, position);
    const newline = chunk.indexOf(NEWLINE);
    if (newline !== -1) {
      parts.push(chunk.subarray(0, newline));
      return Buffer.concat(parts).toString('utf8');
    }
    parts.push(chunk);
  }
  return undefined;
}
