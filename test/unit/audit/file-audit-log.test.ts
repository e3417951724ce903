import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogCorruptError } from '../../../adapters/audit/audit-entry-schema.js';
import { createFileAuditLog } from '../../../adapters/audit/file-audit-log.js';
import { verifyChain } from '../../../core/audit/hash-chain.js';
import { createRecordingLogger } from '../storage/recording-logger.js';
import { entryInput, steppingClock } from './audit-fixtures.js';

const createdDirs: string[] = [];

async function freshLogFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attachops-audit-'));
  createdDirs.push(dir);
  return join(dir, 'logs', 'audit.jsonl');
}

afterEach(async () => {
  await Promise.all(createdDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fileLines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').slice(0, -1);
}

async function appendEntries(file: string, count: number, from = 0): Promise<void> {
  const log = await createFileAuditLog({ file, clock: steppingClock() });
  for (let index = from; index < from + count; index += 1) {
    await log.append(entryInput(index));
  }
}

describe('file audit log', () => {
  it('writes one JSON line per entry, fields in a fixed order, and reads a chain that verifies', async () => {
    const file = await freshLogFile();
    const log = await createFileAuditLog({ file, clock: steppingClock() });
    const appended = [await log.append(entryInput(0)), await log.append(entryInput(1))];
    const lines = await fileLines(file);
    expect(lines).toHaveLength(2);
    expect(Object.keys(JSON.parse(lines[0] ?? '') as object)).toEqual([
      'seq',
      'at',
      'actor',
      'action',
      'target',
      'conversationId',
      'correlationId',
      'details',
      'prevHash',
      'hash',
    ]);
    const entries = await log.read();
    expect(entries).toEqual(appended);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('detects a tampered line at its seq', async () => {
    const file = await freshLogFile();
    await appendEntries(file, 5);
    const lines = await fileLines(file);
    lines[2] = (lines[2] ?? '').replace('"index":2', '"index":20');
    await writeFile(file, `${lines.join('\n')}\n`);
    const entries = await (await createFileAuditLog({ file })).read();
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3 });
  });

  it('keeps the chain valid under concurrent appends', async () => {
    const file = await freshLogFile();
    const log = await createFileAuditLog({ file, clock: steppingClock() });
    const appended = await Promise.all(Array.from({ length: 20 }, (_, index) => log.append(entryInput(index))));
    expect(appended.map((entry) => entry.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const entries = await log.read();
    expect(entries).toEqual(appended);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('continues the chain after reopening, also when the log spans many read chunks', async () => {
    const file = await freshLogFile();
    const log = await createFileAuditLog({ file, clock: steppingClock() });
    for (let index = 0; index < 40; index += 1) {
      await log.append(entryInput(index, { index, padding: 'p'.repeat(4000) }));
    }
    const reopened = await createFileAuditLog({ file, clock: steppingClock('2026-06-01T00:00:00.000Z') });
    const next = await reopened.append(entryInput(40));
    const entries = await reopened.read();
    expect(next.seq).toBe(41);
    expect(next.prevHash).toBe(entries[39]?.hash);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('refuses to open a log whose last entries do not chain', async () => {
    const file = await freshLogFile();
    await appendEntries(file, 3);
    const lines = await fileLines(file);
    lines[2] = (lines[2] ?? '').replace('approval.grant', 'approval.grunt').replace('policy.assign', 'policy.asign');
    await writeFile(file, `${lines.join('\n')}\n`);
    const failure = await createFileAuditLog({ file }).then(
      () => expect.fail('a broken tail must not be continued'),
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AuditLogCorruptError);
    expect((failure as Error).message).toContain('seq 3');
  });

  it('drops a partly written last line left by a crash, with a warning, and chains on from the entry before it', async () => {
    const file = await freshLogFile();
    await appendEntries(file, 2);
    await appendFile(file, '{"seq":3,"at":"2026-01-0');
    const logger = createRecordingLogger();
    const log = await createFileAuditLog({ file, clock: steppingClock(), logger });
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    const next = await log.append(entryInput(2));
    expect(next.seq).toBe(3);
    const entries = await log.read();
    expect(entries).toHaveLength(3);
    expect(verifyChain(entries)).toEqual({ ok: true });
  });

  it('keeps a whole last entry whose newline was lost', async () => {
    const file = await freshLogFile();
    await appendEntries(file, 3);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, -1));
    const log = await createFileAuditLog({ file, clock: steppingClock(), logger: createRecordingLogger() });
    expect((await log.append(entryInput(3))).seq).toBe(4);
    expect(verifyChain(await log.read())).toEqual({ ok: true });
  });

  it('never writes secret-looking details to the file', async () => {
    const file = await freshLogFile();
    const log = await createFileAuditLog({ file, clock: steppingClock() });
    await log.append(entryInput(0, { policy: 'A', Authorization: 'Bearer abc', nested: { clientSecret: 'shh' } }));
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/Bearer abc|shh|Authorization|clientSecret/);
    expect(text).toContain('"policy":"A"');
  });

  it('verifies only the last entries when opening, and still reads every line strictly', async () => {
    const file = await freshLogFile();
    await appendEntries(file, 3);
    const lines = await fileLines(file);
    lines[0] = '{"not":"an entry"}';
    await writeFile(file, `${lines.join('\n')}\n`);
    const log = await createFileAuditLog({ file });
    await expect(log.read()).rejects.toThrow(/line 1/);
  });
});

describe('file audit log, short logs', () => {
  it('refuses a short log that does not start from the genesis hash', async () => {
    const file = await freshLogFile();
    await appendEntries(file, 3);
    const lines = await fileLines(file);
    await writeFile(file, `${lines.slice(1).join('\n')}\n`);
    await expect(createFileAuditLog({ file })).rejects.toThrow(/seq 2/);
  });
});
