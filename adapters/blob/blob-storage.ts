import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { type Logger, silentLogger } from '../../core/ports/logger.js';
import {
  type DeleteOptions,
  ETagConflictError,
  type PageRequest,
  type PutOptions,
  type Storage,
  type StoredItem,
} from '../../core/ports/storage.js';
import { compareKeys } from '../storage/compare-keys.js';
import { createKeyedLock } from '../../core/storage/keyed-lock.js';
import { isLostRace, isNotFound } from './blob-errors.js';
import { blobNameOf, blobPrefixOf, keyOfBlobName } from './blob-name.js';
import { readBody } from './read-body.js';

const BLOBS_READ_AT_ONCE = 16;

const storedBlobSchema = z.object({ key: z.string(), value: z.unknown().optional() });
/**
 * Blob metadata naming the put that wrote a blob: when the SDK's retry replays a PUT that had already succeeded, the
 * replay meets that write as 409/412; the id says it was ours (two writers may well write the same JSON).
 */
const WRITE_ID_METADATA = 'attachopswrite';
/**
 * A small item's `{key, value}` JSON, base64, in its blob's metadata too, so a page of a listing (`include=metadata`)
 * carries the values and costs one request, not one download per item. The service allows 8 KiB of metadata per blob;
 * a larger item is left out and downloaded when listed.
 */
const ITEM_METADATA = 'attachopsitem';
const LARGEST_ITEM_METADATA = 6_000;

export interface BlobStorageOptions {
  /** The container; created when missing. Several processes may share it. */
  readonly container: ContainerClient;
  readonly logger?: Logger;
}

/**
 * Storage in an Azure Blob container: one block blob per key holding `{key, value}` as JSON, the blob's ETag as the
 * item's eTag, and compare-and-swap done by the service (If-Match / If-None-Match: *), so it holds across processes.
 */
export async function createBlobStorage(options: BlobStorageOptions): Promise<Storage> {
  const { container } = options;
  const logger = (options.logger ?? silentLogger).child({ component: 'blob-storage' });
  await container.createIfNotExists();
  const writes = createKeyedLock();

  const readBlob = async (blobName: string): Promise<StoredItem | undefined> => {
    let text: string;
    let eTag: string | undefined;
    try {
      const response = await container.getBlobClient(blobName).download();
      eTag = response.etag;
      text = await readBody(response.readableStreamBody);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const parsed = storedBlobSchema.safeParse(parseJson(text));
    if (!parsed.success || eTag === undefined) {
      logger.warn({ blob: blobName }, 'blob storage: skipped a blob that does not hold a stored item');
      return undefined;
    }
    return { key: parsed.data.key, value: parsed.data.value, eTag };
  };

  const conflictOr = (key: string, error: unknown, conditional: boolean): never => {
    if (isLostRace(error) || (conditional && isNotFound(error))) throw new ETagConflictError(key);
    throw error;
  };

  /** After a lost race on our own put: the blob's ETag if the blob is the one this put wrote (a replayed PUT). */
  const ownWriteETag = async (blobName: string, writeId: string): Promise<string | undefined> => {
    try {
      const properties = await container.getBlobClient(blobName).getProperties();
      return properties.metadata?.[WRITE_ID_METADATA] === writeId ? properties.etag : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  return {
    async get(key: string) {
      const item = await readBlob(blobNameOf(key));
      return item?.key === key ? item : undefined;
    },
    put(key: string, value: unknown, conditions?: PutOptions) {
      const text = JSON.stringify({ key, value });
      const blobName = blobNameOf(key);
      const writeId = randomUUID();
      return writes.run(key, async () => {
        try {
          const response = await container.getBlockBlobClient(blobName).upload(text, Buffer.byteLength(text), {
            conditions: { ifMatch: conditions?.ifMatch, ifNoneMatch: conditions?.ifNoneMatch },
            blobHTTPHeaders: { blobContentType: 'application/json' },
            metadata: { [WRITE_ID_METADATA]: writeId, ...itemMetadataOf(text) },
          });
          if (response.etag === undefined) throw new Error(`blob storage: no ETag came back for "${key}"`);
          return response.etag;
        } catch (error) {
          const own = isLostRace(error) ? await ownWriteETag(blobName, writeId) : undefined;
          if (own !== undefined) {
            logger.info({ key }, 'blob storage: a retried write met its own earlier attempt; the write stands');
            return own;
          }
          return conflictOr(key, error, conditions?.ifMatch !== undefined);
        }
      });
    },
    delete: (key: string, conditions?: DeleteOptions) =>
      writes.run(key, async () => {
        try {
          await container.getBlobClient(blobNameOf(key)).delete({ conditions: { ifMatch: conditions?.ifMatch } });
          return true;
        } catch (error) {
          if (isNotFound(error) && conditions?.ifMatch === undefined) return false;
          return conflictOr(key, error, conditions?.ifMatch !== undefined);
        }
      }),
    async list(prefix: string) {
      const names: string[] = [];
      for await (const blob of container.listBlobsFlat({ prefix: blobPrefixOf(prefix) })) names.push(blob.name);
      const items: StoredItem[] = [];
      for (let start = 0; start < names.length; start += BLOBS_READ_AT_ONCE) {
        const batch = names.slice(start, start + BLOBS_READ_AT_ONCE);
        const read = await Promise.all(batch.map((name) => readBlob(name)));
        items.push(...read.filter((item): item is StoredItem => item?.key.startsWith(prefix) === true));
      }
      return items.sort((left, right) => compareKeys(left.key, right.key));
    },
    async keys(prefix: string) {
      const keys: string[] = [];
      for await (const blob of container.listBlobsFlat({ prefix: blobPrefixOf(prefix) })) {
        // a long key's hashed name does not spell the key: only then is the blob read for it
        const key = keyOfBlobName(blob.name) ?? (await readBlob(blob.name))?.key;
        if (key?.startsWith(prefix)) keys.push(key);
      }
      return keys.sort(compareKeys);
    },
    async page(prefix: string, request: PageRequest) {
      const pages = container
        .listBlobsFlat({ prefix: blobPrefixOf(prefix), includeMetadata: true })
        .byPage({ maxPageSize: Math.max(1, request.limit), continuationToken: request.continuation });
      const next = await pages.next();
      if (next.done === true) return { items: [] };
      const listed = await Promise.all(
        next.value.segment.blobItems.map(
          async (blob) => itemOfMetadata(blob.metadata?.[ITEM_METADATA], blob.properties.etag) ?? readBlob(blob.name),
        ),
      );
      const items = listed.filter((item): item is StoredItem => item?.key.startsWith(prefix) === true);
      const continuation = next.value.continuationToken;
      return continuation ? { items, continuation } : { items };
    },
    flush: () => writes.idle(),
  };
}

function itemMetadataOf(text: string): Record<string, string> {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return encoded.length <= LARGEST_ITEM_METADATA ? { [ITEM_METADATA]: encoded } : {};
}

function itemOfMetadata(encoded: string | undefined, eTag: string | undefined): StoredItem | undefined {
  if (encoded === undefined || eTag === undefined) return undefined;
  const parsed = storedBlobSchema.safeParse(parseJson(Buffer.from(encoded, 'base64').toString('utf8')));
  // a listing gives the ETag unquoted, a download quoted: the quoted one is the item's eTag
  const quoted = eTag.startsWith('"') ? eTag : `"${eTag}"`;
  return parsed.success ? { key: parsed.data.key, value: parsed.data.value, eTag: quoted } : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
