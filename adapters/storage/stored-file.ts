import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StoredItem } from '../../core/ports/storage.js';
import { TEMP_SUFFIX } from './key-file-name.js';
import { errorCode, syncDirectory } from './sync-directory.js';

const storedFileSchema = z.strictObject({
  key: z.string(),
  value: z.unknown().optional(),
  eTag: z.string().min(1),
});

export type StoredFileContent =
  | { readonly state: 'absent' }
  | { readonly state: 'present'; readonly item: StoredItem }
  | { readonly state: 'corrupt'; readonly problem: string };

export async function readStoredFile(path: string): Promise<StoredFileContent> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return { state: 'absent' };
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: 'corrupt', problem: 'the file is not JSON' };
  }
  const parsed = storedFileSchema.safeParse(json);
  if (!parsed.success) {
    return { state: 'corrupt', problem: z.prettifyError(parsed.error) };
  }
  const { key, value, eTag } = parsed.data;
  return { state: 'present', item: { key, value, eTag } };
}

export function serializeStoredItem(item: StoredItem): string {
  return JSON.stringify({ key: item.key, value: item.value, eTag: item.eTag });
}

/** Writes a temp file beside the target, syncs it, renames it over the target and syncs the folder. */
export async function writeStoredFileAtomically(dir: string, fileName: string, text: string): Promise<void> {
  const tempPath = join(dir, `${fileName}.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    const handle = await open(tempPath, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, join(dir, fileName));
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}
