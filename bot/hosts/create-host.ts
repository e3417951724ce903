import type { BotHost, HostKind, HostOptions } from './bot-host.js';

/** The host `BOT_HOST` names, loaded only when chosen: the other SDK is never imported. */
export async function createHost(kind: HostKind, options: HostOptions): Promise<BotHost> {
  if (kind === 'agents') return (await import('./agents/agents-host.js')).createAgentsHost(options);
  return (await import('./botbuilder/botbuilder-host.js')).createBotbuilderHost(options);
}
