import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Logger, silentLogger } from '../../core/ports/logger.js';
import type { DeleteOptions, PageRequest, PutOptions, Storage, StoredItem } from '../../core/ports/storage.js';
import { assertConditionsHold, hasConditions } from './check-conditions.js';
import { compareKeys } from './compare-keys.js';
import { fileNameOf, isTempFileName, keyOfFileName, mayHoldKeyWithPrefix } from './key-file-name.js';
import { pageOfKeys } from './page-of-keys.js';
import { createKeyedLock } from '../../core/storage/keyed-lock.js';
import { StorageCorruptError } from './storage-corrupt-error.js';
import { readStoredFile, serializeStoredItem, writeStoredFileAtomically } from './stored-file.js';
import { errorCode, syncDirectory } from './sync-directory.js';

const FILES_READ_AT_ONCE = 64;

export interface FileStorageOptions {
  /** The folder that holds one JSON file per key; created when missing. Only one process may use it at a time. */
  readonly dir: string;
  readonly logger?: Logger;
}

/** Durable single-process storage: atomic file replacement, compare-and-swap serialized per key inside this process. */
export async function createFileStorage(options: FileStorageOptions): Promise<Storage> {
  const dir = resolve(options.dir);
  const logger = (options.logger ?? silentLogger).child({ component: 'file-storage', dir });
  await mkdir(dir, { recursive: true });
  await removeLeftoverTempFiles(dir, logger);
  const writes = createKeyedLock();

  const pathOf = (key: string): string => join(dir, fileNameOf(key));

  const readItem = async (key: string): Promise<StoredItem | undefined> => {
    const content = await readStoredFile(pathOf(key));
    if (content.state === 'absent') {
      return undefined;
    }
    if (content.state === 'corrupt') {
      throw new StorageCorruptError(key, pathOf(key), content.problem);
    }
    if (content.item.key !== key) {
      throw new StorageCorruptError(key, pathOf(key), `the file holds the key "${content.item.key}"`);
    }
    return content.item;
  };

  const assertConditions = async (key: string, conditions: PutOptions | DeleteOptions | undefined): Promise<void> => {
    if (hasConditions(conditions)) {
      assertConditionsHold(key, (await readItem(key))?.eTag, conditions);
    }
  };

  const readListedFile = async (fileName: string, prefix: string): Promise<StoredItem[]> => {
    const content = await readStoredFile(join(dir, fileName));
    if (content.state === 'corrupt') {
      logger.warn({ file: fileName, problem: content.problem }, 'file storage: skipped a corrupt file while listing');
      return [];
    }
    if (content.state === 'absent' || !content.item.key.startsWith(prefix)) {
      return [];
    }
    if (fileNameOf(content.item.key) !== fileName) {
      logger.warn({ file: fileName }, 'file storage: skipped a file whose name does not match the key it holds');
      return [];
    }
    return [content.item];
  };

  return {
    get: readItem,
    async put(key: string, value: unknown, conditions?: PutOptions) {
      const eTag = randomUUID();
      const text = serializeStoredItem({ key, value, eTag });
      return writes.run(key, async () => {
        await assertConditions(key, conditions);
        await writeStoredFileAtomically(dir, fileNameOf(key), text);
        return eTag;
      });
    },
    delete: (key: string, conditions?: DeleteOptions) =>
      writes.run(key, async () => {
        await assertConditions(key, conditions);
        try {
          await unlink(pathOf(key));
        } catch (error) {
          if (errorCode(error) === 'ENOENT') {
            return false;
          }
          throw error;
        }
        await syncDirectory(dir);
        return true;
      }),
    list,
    /** Local files: reading them to learn their keys costs no requests, so the listing is the one of `list`. */
    async keys(prefix: string) {
      return (await list(prefix)).map((item) => item.key);
    },
    /** The page's keys from the folder's names (a long key's hashed name is read for it), then only its files. */
    async page(prefix: string, request: PageRequest) {
      const candidates = (await readdir(dir)).filter((fileName) => mayHoldKeyWithPrefix(fileName, prefix));
      const named = await Promise.all(
        candidates.map(async (fileName) => keyOfFileName(fileName) ?? (await readListedFile(fileName, prefix))[0]?.key),
      );
      const keys = named.filter((key): key is string => key?.startsWith(prefix) === true);
      const page = pageOfKeys(keys, request);
      const items = (await Promise.all(page.keys.map((key) => readListedFile(fileNameOf(key), prefix)))).flat();
      return page.continuation === undefined ? { items } : { items, continuation: page.continuation };
    },
    flush: () => writes.idle(),
  };

  async function list(prefix: string): Promise<StoredItem[]> {
    const candidates = (await readdir(dir)).filter((fileName) => mayHoldKeyWithPrefix(fileName, prefix));
    const items: StoredItem[] = [];
    for (let start = 0; start < candidates.length; start += FILES_READ_AT_ONCE) {
      const batch = candidates.slice(start, start + FILES_READ_AT_ONCE);
      items.push(...(await Promise.all(batch.map((fileName) => readListedFile(fileName, prefix)))).flat());
    }
    return items.sort((left, right) => compareKeys(left.key, right.key));
  }
}

async function removeLeftoverTempFiles(dir: string, logger: Logger): Promise<void> {
  const leftovers = (await readdir(dir)).filter(isTempFileName);
  await Promise.all(leftovers.map((fileName) => rm(join(dir, fileName), { force: true })));
  if (leftovers.length > 0) {
    await syncDirectory(dir);
    logger.info({ removed: leftovers.length }, 'file storage: removed temp files left by an interrupted write');
  }
}
