import { profileNamesText } from '../../core/policy/catalog/index.js';
/** A button of the welcome card: it sends `command` as if the person had typed it (Teams' messageBack). */
export interface FirstCommand {
  readonly title: string;
  readonly command: string;
}

export interface WelcomeView {
  readonly title: string;
  readonly intro: string;
  readonly howToAsk: string;
  readonly firstCommands: readonly FirstCommand[];
}

/** The README walkthrough's first steps: see what is missing, attach the hierarchy, then everything else. */
export const FIRST_COMMANDS: readonly FirstCommand[] = [
  { title: 'Check readiness', command: 'check' },
  { title: 'Attach the hierarchy', command: 'attach' },
  { title: 'All commands', command: 'help' },
];

/** What the bot says once when it is installed: in a personal chat, or in a team (where it is @mentioned). */
export function toWelcomeView(scope: 'personal' | 'groupChat' | 'channel'): WelcomeView {
  return {
    title: 'Welcome to AttachOps',
    intro: `I roll out Intune endpoint security (${profileNamesText('and')}) to your Configuration Manager devices through tenant attach. Every change to the tenant waits for someone else to approve it, and I post compliance summaries when asked.`,
    howToAsk:
      scope === 'personal'
        ? 'Start with check: it says what is ready and what to fix. Or press a button below.'
        : 'Mention me with a command, for example @AttachOps check, or press a button below.',
    firstCommands: FIRST_COMMANDS,
  };
}
