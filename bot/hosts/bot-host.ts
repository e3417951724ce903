import type { Logger } from '../../core/ports/logger.js';
import type { BotFrameworkCredentials } from '../config/config.js';
import type { ProactivePort, RunningHost, TurnLogic } from './host-port.js';
import type { InFlight } from './in-flight.js';
import type { TokenValidationEndpoints } from './token-validation.js';

/** Which SDK carries the bot (`BOT_HOST`). */
export type HostKind = 'botbuilder' | 'agents';

export interface HostOptions {
  readonly credentials: BotFrameworkCredentials | undefined;
  readonly tokenValidation?: TokenValidationEndpoints;
  readonly log: Logger;
  readonly turns: InFlight;
  readonly isReady: () => boolean;
}

/** A Teams SDK behind the host port: proactive messaging now, the HTTP endpoint once the turn logic is built. */
export interface BotHost {
  readonly proactive: ProactivePort;
  listen(logic: TurnLogic, port: number, bindHost: string): Promise<RunningHost>;
}
