// SANDBOX_RESET=1 starts a clean tenant; the bot's state from before (runs, approvals and their cards, schedules,
// the audit log) belongs to the tenant that is gone, so it is set aside too: a run from before the reset must never
// resume and post into the new story. Set aside, not deleted: DATA_DIR/before-reset/<time>/.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** What the bot keeps under DATA_DIR with file storage (bot/wiring/create-state-stores.ts). */
export const BOT_STATE_ENTRIES = ['store', 'audit.jsonl'];

/**
 * Moves the bot's file state out of `dataDir` into `dataDir/before-reset/<stamp>/`; returns that folder, or undefined
 * when there was nothing to move.
 */
export function setAsideBotState(dataDir, now = new Date()) {
  const present = BOT_STATE_ENTRIES.filter((entry) => existsSync(join(dataDir, entry)));
  if (present.length === 0) return undefined;
  const aside = join(dataDir, 'before-reset', now.toISOString().replace(/[:.]/g, '-'));
  mkdirSync(aside, { recursive: true });
  for (const entry of present) renameSync(join(dataDir, entry), join(aside, entry));
  return aside;
}

/** Whether the bot keeps its state in files under DATA_DIR (not in an Azure Blob container). */
export function botStateInFiles(env) {
  return !env.STORAGE_CONNECTION_STRING && !env.STORAGE_ACCOUNT_URL;
}
