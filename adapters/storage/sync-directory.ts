import { open } from 'node:fs/promises';

const CODES_OF_PLATFORMS_WITHOUT_DIRECTORY_SYNC = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF']);

/** Makes a rename or unlink inside the directory durable; a no-op where the platform cannot sync directories. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!CODES_OF_PLATFORMS_WITHOUT_DIRECTORY_SYNC.has(errorCode(error) ?? '')) {
      throw error;
    }
  }
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
