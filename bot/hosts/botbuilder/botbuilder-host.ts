import type { AddressInfo } from 'node:net';
import type { BotHost, HostOptions } from '../bot-host.js';
import type { RunningHost, TurnLogic } from '../host-port.js';
import { BotbuilderProactive } from './botbuilder-proactive.js';
import { botbuilderTurn } from './botbuilder-turn.js';
import { createAdapter } from './create-adapter.js';
import { createServer } from './create-server.js';

/** The default host: restify and botbuilder's CloudAdapter, which checks tokens itself. */
export function createBotbuilderHost(options: HostOptions): BotHost {
  const { credentials, log, turns, isReady } = options;
  const adapter = createAdapter(credentials, log, options.tokenValidation);
  return {
    proactive: new BotbuilderProactive(adapter, credentials?.appId ?? ''),
    async listen(logic: TurnLogic, port: number, bindHost: string): Promise<RunningHost> {
      const server = createServer({
        adapter,
        run: botbuilderTurn(logic),
        log,
        authRequired: credentials !== undefined,
        turns,
        isReady,
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, bindHost, () => resolve());
      });
      return {
        port: (server.address() as AddressInfo).port,
        stopAccepting: () => new Promise<void>((resolve) => server.close(() => resolve())),
        closeIdleConnections: () => server.server.closeIdleConnections(),
        closeAllConnections: () => server.server.closeAllConnections(),
      };
    },
  };
}
