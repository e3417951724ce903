import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 64 * 1024;

export interface FileTail {
  /** The last `wantedLines` complete lines (without their newline), fewer when the file has fewer. */
  readonly lines: string[];
  /** True when `lines` starts with the first line of the file. */
  readonly fromStart: boolean;
  /** The byte offset just past the last newline. */
  readonly completeEnd: number;
  /** Bytes after the last newline: a line whose write was cut short. */
  readonly fragment: string;
}

export async function readFileTail(file: string, wantedLines: number): Promise<FileTail> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    let start = size;
    let buffer = Buffer.alloc(0);
    while (start > 0 && countNewlines(buffer) <= wantedLines) {
      const chunkStart = Math.max(0, start - CHUNK_BYTES);
      const chunk = Buffer.alloc(start - chunkStart);
      await handle.read(chunk, 0, chunk.length, chunkStart);
      buffer = Buffer.concat([chunk, buffer]);
      start = chunkStart;
    }
    return splitTail(buffer, start, wantedLines);
  } finally {
    await handle.close();
  }
}

function splitTail(buffer: Buffer, start: number, wantedLines: number): FileTail {
  const afterLastNewline = buffer.lastIndexOf(NEWLINE) + 1;
  const fragment = buffer.subarray(afterLastNewline).toString('utf8');
  const pieces = buffer.subarray(0, afterLastNewline).toString('utf8').split('\n').slice(0, -1);
  const wholeLines = start === 0 ? pieces : pieces.slice(1);
  return {
    lines: wholeLines.slice(-wantedLines),
    fromStart: wholeLines.length <= wantedLines && start === 0,
    completeEnd: start + afterLastNewline,
    fragment,
  };
}

function countNewlines(buffer: Buffer): number {
  let count = 0;
  for (let index = buffer.indexOf(NEWLINE); index !== -1; index = buffer.indexOf(NEWLINE, index + 1)) {
    count += 1;
  }
  return count;
}
