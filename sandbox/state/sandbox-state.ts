import type { Socket } from 'node:net';
import { ADMINSERVICE_MAX_PAGE } from '../adminservice/wmi-query.js';
import type { MaaDialect, ScenarioName } from '../constants.js';
import { FaultSet } from '../faults/fault-rules.js';
import { AppPermissions } from '../identity/app-permissions.js';
import { TokenStore } from '../identity/token-store.js';
import { loadWorld, WorldSaver, type PersistenceOptions, type WorldStart } from '../persistence/persisted-world.js';
import { World } from '../world/world.js';
import { DEFAULT_POLICY_UPDATE_READING, type PolicyUpdateReading } from '../constants.js';
import { RequestLog } from '../http/request-log.js';

/**
 * Everything mutable in a running sandbox. Tokens survive a reset so a client's cached token keeps working. With a
 * persistence file, the world is read from it on start and written back after every request that changed it.
 */
export class SandboxState {
  world: World;
  readonly origin: WorldStart['origin'];
  readonly tokens = new TokenStore();
  /** The app's Graph application permissions, as the next token will carry them; back to the defaults on reset. */
  readonly appPermissions = new AppPermissions();
  readonly faults: FaultSet;
  readonly log = new RequestLog();
  /** Open client connections, so the control API can close them as IIS does at its connection timeout. */
  readonly connections = new Set<Socket>();
  batchCounter = 0;
  /**
   * Rows per AdminService answer at most, before an `@odata.nextLink`. The real limit is not documented
   * (configmgr-adminservice.md §2 [U]); tests lower it to see that the bot reads on. Back to the default on reset.
   */
  adminServicePageLimit = ADMINSERVICE_MAX_PAGE;
  /** Which source's reading of a policy update the Graph routes play (graph/policy-update-reading.ts). */
  policyUpdateReading: PolicyUpdateReading = DEFAULT_POLICY_UPDATE_READING;
  private readonly saver: WorldSaver | undefined;

  constructor(
    scenario: ScenarioName,
    seed: number,
    readonly syncDelaySeconds: number,
    persistence?: PersistenceOptions,
    /** `SANDBOX_MAA_DIALECT`: overrides the scenario's Multi Admin Approval dialect, across resets. */
    private readonly maaDialectOverride?: MaaDialect,
  ) {
    if (persistence) {
      const start = loadWorld(persistence, scenario, seed, syncDelaySeconds);
      this.world = start.world;
      this.origin = start.origin;
      this.saver = new WorldSaver(persistence.file);
      this.saver.save(this.world);
    } else {
      this.world = new World({ scenario, seed, syncDelaySeconds });
      this.origin = 'new';
    }
    this.faults = new FaultSet(seed);
  }

  /** How Multi Admin Approval answers now: the override, else the scenario's. */
  get maaDialect(): MaaDialect {
    return this.maaDialectOverride ?? this.world.facts.maaDialect;
  }

  reset(scenario: ScenarioName, seed: number): void {
    this.world = new World({ scenario, seed, syncDelaySeconds: this.syncDelaySeconds });
    this.faults.reseed(seed);
    this.batchCounter = 0;
    this.adminServicePageLimit = ADMINSERVICE_MAX_PAGE;
    this.policyUpdateReading = DEFAULT_POLICY_UPDATE_READING;
    this.appPermissions.reset();
    this.save();
  }

  /** Writes the world to the persistence file if it changed; a no-op without one. */
  save(): void {
    this.saver?.save(this.world);
  }
}
