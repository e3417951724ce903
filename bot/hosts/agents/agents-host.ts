import type { AddressInfo } from 'node:net';
import type { BotHost, HostOptions } from '../bot-host.js';
import type { RunningHost, TurnLogic } from '../host-port.js';
import { AgentsAdapter } from './agents-adapter.js';
import { agentsAuthConfig } from './agents-auth-config.js';
import { AgentsProactive } from './agents-proactive.js';
import { AgentsTokenCheck } from './authenticate-request.js';
import { createServer } from './create-server.js';

/** `BOT_HOST=agents`: express 5 and the Microsoft 365 Agents SDK's CloudAdapter, behind the same host port. */
export function createAgentsHost(options: HostOptions): BotHost {
  const { credentials, log, turns, isReady } = options;
  const adapter = new AgentsAdapter(agentsAuthConfig(credentials), credentials !== undefined);
  // The turn logic answers its own failures; what reaches here failed in the host. The SDK's default would post two
  // text messages to the user.
  adapter.onTurnError = async (turn, error) => {
    log.error({ err: error, activityType: turn.activity.type }, 'turn failed in the host');
  };
  const tokens = credentials
    ? new AgentsTokenCheck(agentsAuthConfig(credentials, options.tokenValidation), log)
    : undefined;
  return {
    proactive: new AgentsProactive(adapter, credentials?.appId),
    async listen(logic: TurnLogic, port: number, bindHost: string): Promise<RunningHost> {
      const server = createServer({ adapter, logic, tokens, log, turns, isReady });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, bindHost, () => resolve());
      });
      return {
        port: (server.address() as AddressInfo).port,
        stopAccepting: () => new Promise<void>((resolve) => server.close(() => resolve())),
        closeIdleConnections: () => server.closeIdleConnections(),
        closeAllConnections: () => server.closeAllConnections(),
      };
    },
  };
}
