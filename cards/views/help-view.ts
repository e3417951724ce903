export interface CommandSummary {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly examples: readonly string[];
  readonly changesTenant: boolean;
}

export interface HelpView {
  readonly intro: string;
  readonly commands: readonly { name: string; summary: string; example: string; changesTenant: boolean }[];
}

export type CommandUsageView = CommandSummary;

export function toHelpView(commands: readonly CommandSummary[]): HelpView {
  return {
    intro: 'Type a command below, or press Usage for its options. Commands that change the tenant wait for an approver.',
    commands: commands.map((command) => ({
      name: command.name,
      summary: command.summary,
      example: command.examples[0] ?? command.name,
      changesTenant: command.changesTenant,
    })),
  };
}

export function toCommandUsageView(command: CommandSummary): CommandUsageView {
  return {
    name: command.name,
    summary: command.summary,
    usage: command.usage,
    examples: [...command.examples],
    changesTenant: command.changesTenant,
  };
}
