import type { Socket } from 'node:net';
import type { ScenarioName } from '../constants.js';
import { FaultSet } from '../faults/fault-rules.js';
import { TokenStore } from '../identity/token-store.js';
import { World } from '../world/world.js';
import { RequestLog } from './request-log.js';

/** Everything mutable in a running sandbox. Tokens survive a reset so a client's cached token keeps working. */
export class SandboxState {
  world: World;
  readonly tokens = new TokenStore();
  readonly faults: FaultSet;
  readonly log = new RequestLog();
  /** Open client connections, so the control API can close them as IIS does at its connection timeout. */
  readonly connections = new Set<Socket>();
  batchCounter = 0;

  constructor(
    scenario: ScenarioName,
    seed: number,
    readonly syncDelaySeconds: number,
  ) {
    this.world = new World({ scenario, seed, syncDelaySeconds });
    this.faults = new FaultSet(seed);
  }

  reset(scenario: ScenarioName, seed: number): void {
    this.world = new World({ scenario, seed, syncDelaySeconds: this.syncDelaySeconds });
    this.faults.reseed(seed);
    this.batchCounter = 0;
  }
}
