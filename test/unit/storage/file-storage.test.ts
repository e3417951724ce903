import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStorage } from '../../../adapters/storage/file-storage.js';
import { fileNameOf } from '../../../adapters/storage/key-file-name.js';
import { StorageCorruptError } from '../../../adapters/storage/storage-corrupt-error.js';
import { ETagConflictError } from '../../../core/ports/storage.js';
import { createRecordingLogger } from './recording-logger.js';
import { describeStorageContract, ODD_KEYS } from './storage-contract.js';

const createdDirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attachops-file-storage-'));
  createdDirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(createdDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describeStorageContract('file storage', async () => ({ storage: await createFileStorage({ dir: await freshDir() }) }));

describe('file storage on disk', () => {
  it('keeps values across instances over the same folder', async () => {
    const dir = await freshDir();
    const eTag = await (await createFileStorage({ dir })).put('conversation:1', { step: 3 });
    const reopened = await createFileStorage({ dir });
    expect(await reopened.get('conversation:1')).toEqual({ key: 'conversation:1', value: { step: 3 }, eTag });
    await expect(reopened.put('conversation:1', {}, { ifMatch: 'stale' })).rejects.toBeInstanceOf(ETagConflictError);
  });

  it('creates a missing folder', async () => {
    const dir = join(await freshDir(), 'nested', 'state');
    await (await createFileStorage({ dir })).put('k', 1);
    expect(await readdir(dir)).toEqual([fileNameOf('k')]);
  });

  it('leaves no temp files after writes and deletes', async () => {
    const dir = await freshDir();
    const storage = await createFileStorage({ dir });
    await Promise.all(Array.from({ length: 20 }, (_, index) => storage.put(`k${index % 4}`, index)));
    await storage.delete('k0');
    expect((await readdir(dir)).sort()).toEqual(['k1', 'k2', 'k3'].map(fileNameOf).sort());
  });

  it('names files with portable characters only and never with a dot-only name', async () => {
    const dir = await freshDir();
    const storage = await createFileStorage({ dir });
    for (const key of ODD_KEYS) {
      await storage.put(key, key);
    }
    const names = await readdir(dir);
    expect(names).toHaveLength(ODD_KEYS.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9_%u~A-F-]*\.json$/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    }
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(ODD_KEYS.length);
  });

  it('stores the key, value and eTag as JSON in the file', async () => {
    const dir = await freshDir();
    const eTag = await (await createFileStorage({ dir })).put('a/b:c', { x: [1] });
    const json: unknown = JSON.parse(await readFile(join(dir, fileNameOf('a/b:c')), 'utf8'));
    expect(json).toEqual({ key: 'a/b:c', value: { x: [1] }, eTag });
  });

  it('ignores temp files left by a crash, and removes them when opened', async () => {
    const dir = await freshDir();
    const eTag = await (await createFileStorage({ dir })).put('k', 'real');
    const whole = join(dir, `${fileNameOf('k')}.11111111-2222-3333-4444-555555555555.tmp`);
    const partial = join(dir, `${fileNameOf('k')}.66666666-7777-8888-9999-000000000000.tmp`);
    await writeFile(whole, JSON.stringify({ key: 'k', value: 'never renamed', eTag: 'x' }));
    await writeFile(partial, '{"key":"k","val');
    const beforeRestart = await createFileStorage({ dir: join(dir, 'elsewhere') });
    expect(await beforeRestart.get('k')).toBeUndefined();

    const logger = createRecordingLogger();
    const reopened = await createFileStorage({ dir, logger });
    expect(await readdir(dir)).toEqual(expect.arrayContaining([fileNameOf('k')]));
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await reopened.get('k')).toEqual({ key: 'k', value: 'real', eTag });
    expect(await reopened.list('')).toEqual([{ key: 'k', value: 'real', eTag }]);
    expect(logger.lines.some((line) => line.level === 'info' && line.fields.removed === 2)).toBe(true);
  });

  it('reads the old value while a temp file sits beside it', async () => {
    const dir = await freshDir();
    const storage = await createFileStorage({ dir });
    const eTag = await storage.put('k', 'real');
    await writeFile(join(dir, `${fileNameOf('k')}.abc.tmp`), '{"key":"k","value":"half');
    expect(await storage.get('k')).toEqual({ key: 'k', value: 'real', eTag });
    expect(await storage.list('k')).toEqual([{ key: 'k', value: 'real', eTag }]);
  });

  it('keeps the old value and no temp file when a write fails', async () => {
    const dir = await freshDir();
    const storage = await createFileStorage({ dir });
    const eTag = await storage.put('k', 'real');
    await expect(storage.put('k', { big: 1n })).rejects.toThrow(TypeError);
    await mkdir(join(dir, fileNameOf('blocked')));
    await expect(storage.put('blocked', 'v')).rejects.toThrow();
    expect(await storage.get('k')).toEqual({ key: 'k', value: 'real', eTag });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to read a corrupt file, naming the key, and skips it with a warning when listing', async () => {
    const dir = await freshDir();
    const logger = createRecordingLogger();
    const storage = await createFileStorage({ dir, logger });
    await storage.put('items/good', 1);
    const eTag = await storage.put('items/bad', 2);
    const badFile = join(dir, fileNameOf('items/bad'));
    await writeFile(badFile, '{"key":"items/bad","value":');

    const failure = await storage.get('items/bad').then(
      () => expect.fail('a corrupt file must not read as absent'),
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StorageCorruptError);
    expect((failure as StorageCorruptError).key).toBe('items/bad');
    expect((failure as Error).message).toContain('"items/bad"');

    expect((await storage.list('items/')).map((item) => item.key)).toEqual(['items/good']);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    await expect(storage.put('items/bad', 3, { ifMatch: eTag })).rejects.toBeInstanceOf(StorageCorruptError);
    expect(await readFile(badFile, 'utf8')).toBe('{"key":"items/bad","value":');
  });

  it('refuses a file that holds another key, and lists it nowhere', async () => {
    const dir = await freshDir();
    const logger = createRecordingLogger();
    const storage = await createFileStorage({ dir, logger });
    await writeFile(join(dir, fileNameOf('a')), JSON.stringify({ key: 'b', value: 1, eTag: 'e' }));
    await expect(storage.get('a')).rejects.toBeInstanceOf(StorageCorruptError);
    expect(await storage.list('')).toEqual([]);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('treats a value-less JSON record as a stored undefined value', async () => {
    const dir = await freshDir();
    const storage = await createFileStorage({ dir });
    const eTag = await storage.put('k', undefined);
    expect(await storage.get('k')).toEqual({ key: 'k', value: undefined, eTag });
  });
});
