import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { botStateInFiles, setAsideBotState } from '../../../scripts/lib/reset-bot-state.mjs';

describe('SANDBOX_RESET=1 and the bot', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("sets the bot's runs, approvals, cards, schedules and audit log aside, and leaves the tenant's file alone", () => {
    const data = mkdtempSync(join(tmpdir(), 'attachops-reset-'));
    dirs.push(data);
    mkdirSync(join(data, 'store', 'run'), { recursive: true });
    writeFileSync(join(data, 'store', 'run', 'r-old.json'), '{}');
    writeFileSync(join(data, 'audit.jsonl'), '{"seq":1}\n');
    writeFileSync(join(data, 'sandbox-tenant.json'), '{}');
    const aside = setAsideBotState(data, new Date('2026-11-23T09:00:00Z'));
    expect(aside).toBe(join(data, 'before-reset', '2026-11-23T09-00-00-000Z'));
    expect(existsSync(join(data, 'store'))).toBe(false);
    expect(existsSync(join(data, 'audit.jsonl'))).toBe(false);
    expect(readFileSync(join(aside ?? '', 'store', 'run', 'r-old.json'), 'utf8')).toBe('{}');
    expect(existsSync(join(data, 'sandbox-tenant.json'))).toBe(true);
    expect(setAsideBotState(data)).toBeUndefined();
  });

  it('knows when the state is in a blob container instead, which it does not touch', () => {
    expect(botStateInFiles({})).toBe(true);
    expect(botStateInFiles({ STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toBe(false);
    expect(botStateInFiles({ STORAGE_ACCOUNT_URL: 'https://x.blob.core.windows.net' })).toBe(false);
  });
});
