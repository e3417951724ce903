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
  readonly restrictedNote: string;
  readonly restricted: readonly { name: string; needs: string }[];
}

export interface RestrictedCommand {
  readonly name: string;
  readonly role: string;
  readonly grantedBy: string;
}

export interface CommandUsageView extends CommandSummary {
  /** From a next-step button: the command with what is known filled in, for the user to complete and send. */
  readonly started?: string;
}

export function toHelpView(
  commands: readonly CommandSummary[],
  restricted: readonly RestrictedCommand[] = [],
): HelpView {
  return {
    restrictedNote:
      restricted.length === 0 ? '' : 'These need a role you do not have; whoever runs AttachOps grants it:',
    restricted: restricted.map((command) => ({
      name: command.name,
      needs: `needs ${command.role} (granted through ${command.grantedBy})`,
    })),
    intro:
      'Type a command below, or press Usage for its options. Commands that change the tenant wait for an approver.',
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
