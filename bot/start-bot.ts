import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports/logger.js';
import type { AppServices } from './app-services.js';
import { commands as defaultCommands } from './commands/index.js';
import type { AnyCommand } from './commands/command.js';
import type { Config } from './config/config.js';
import { createServer } from './http/create-server.js';
import { InFlight } from './http/in-flight.js';
import { AttachOpsBot } from './teams/attachops-bot.js';
import { createAdapter } from './teams/create-adapter.js';
import { verbs as defaultVerbs } from './verbs/index.js';
import type { AnyVerb } from './verbs/verb.js';

export interface BotOptions {
  readonly config: Config;
  readonly services: AppServices;
  readonly log: Logger;
  readonly commands?: readonly AnyCommand[];
  readonly verbs?: readonly AnyVerb[];
}

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, finishes turns in flight, flushes storage. */
  close(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, services, log } = options;
  const turns = new InFlight();
  let ready = false;
  const adapter = createAdapter(config.botFramework, log);
  const bot = new AttachOpsBot({
    commands: options.commands ?? defaultCommands,
    verbs: options.verbs ?? defaultVerbs,
    services,
    log,
  });
  const server = createServer({ adapter, bot, log, authRequired: config.botFramework !== undefined, turns, isReady: () => ready });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.bindHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ready = true;
  const url = `http://${config.bindHost === '0.0.0.0' ? '127.0.0.1' : config.bindHost}:${port}`;
  if (config.botFramework) {
    log.info({ url, port }, 'listening; Bot Framework tokens required');
  } else {
    log.warn({ url, port }, 'no Bot Framework credentials: listening on 127.0.0.1 only, unauthenticated, for local use');
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      ready = false;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      await turns.idle();
      await services.storage.flush();
      server.server.closeAllConnections();
      await stopped;
      log.info({}, 'stopped');
    })();
    return closing;
  };
  return { url, port, close };
}
