import type { ScenarioName } from '../constants.js';
import { World } from '../world/world.js';
import { readJsonFile, writeFileAtomically } from './snapshot-file.js';
import { parseWorldSnapshot, restoreWorld, snapshotWorld } from './world-snapshot.js';

export interface WorldStart {
  readonly world: World;
  /** Why the world starts clean although a file was asked for, or `restored` when it was read back. */
  readonly origin: 'restored' | 'new' | 'reset' | 'other-scenario' | 'unreadable';
}

export interface PersistenceOptions {
  readonly file: string;
  /** SANDBOX_RESET=1: ignore what was saved. */
  readonly reset: boolean;
}

/**
 * The world saved in `file` when it was made from the same scenario and seed, otherwise a new one. An unreadable file
 * is not an error: the sandbox starts clean and says so (the next save replaces the file).
 */
export function loadWorld(
  persistence: PersistenceOptions,
  scenario: ScenarioName,
  seed: number,
  syncDelaySeconds: number,
): WorldStart {
  const fresh = (origin: WorldStart['origin']): WorldStart => ({
    world: new World({ scenario, seed, syncDelaySeconds }),
    origin,
  });
  if (persistence.reset) return fresh('reset');
  const read = readJsonFile(persistence.file);
  if (!read.found) return fresh('new');
  if ('error' in read) return fresh('unreadable');
  const parsed = parseWorldSnapshot(read.json);
  if (!parsed.ok) return fresh('unreadable');
  if (parsed.snapshot.scenario !== scenario || parsed.snapshot.seed !== seed) return fresh('other-scenario');
  return { world: restoreWorld(parsed.snapshot, syncDelaySeconds), origin: 'restored' };
}

/** Saves the world when it differs from what was last saved (most requests only read). */
export class WorldSaver {
  private lastSaved = '';

  constructor(private readonly file: string) {}

  save(world: World): void {
    const text = JSON.stringify(snapshotWorld(world));
    if (text === this.lastSaved) return;
    writeFileAtomically(this.file, text);
    this.lastSaved = text;
  }
}
