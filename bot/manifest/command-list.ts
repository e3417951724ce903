import type { AnyCommand } from '../context/command-context.js';

/** Teams shows at most 10 commands per scope in the bot's command menu; the v1.24 schema itself allows 12. */
export const COMMAND_LIST_LIMIT = 10;

/** Where the bot can be installed; one command list per scope. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

const TITLE_MAX_LENGTH = 128;
const DESCRIPTION_MAX_LENGTH = 4000;

export interface ManifestCommand {
  readonly title: string;
  readonly description: string;
}

export interface ManifestCommandList {
  readonly scopes: readonly BotScope[];
  readonly commands: readonly ManifestCommand[];
}

type CommandSummary = Pick<AnyCommand, 'name' | 'summary'>;

/** The manifest's `bots[0].commandLists`: the registry's first commands, in registry order, for each scope. */
export function commandListsFor(commands: readonly CommandSummary[]): ManifestCommandList[] {
  const menu = commands.slice(0, COMMAND_LIST_LIMIT).map(toManifestCommand);
  return BOT_SCOPES.map((scope) => ({ scopes: [scope], commands: menu }));
}

function toManifestCommand(command: CommandSummary): ManifestCommand {
  return {
    title: command.name.slice(0, TITLE_MAX_LENGTH),
    description: command.summary.slice(0, DESCRIPTION_MAX_LENGTH),
  };
}
