import type { z } from 'zod';
import type { Actor } from '../../core/actor.js';
import type { Logger } from '../../core/ports/logger.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { AppServices } from '../app-services.js';
import type { ApprovalCards } from '../approvals/approval-cards.js';
import type { CallerAccess } from '../../core/access/access-control.js';
import type { ConversationInfo } from '../conversations/conversation-info.js';
import type { Requirement } from '../../core/access/roles.js';

/** What a command may use: who asked, where, the core services, and a way to post or update cards. */
export interface CommandContext {
  readonly actor: Actor;
  readonly conversation: ConversationInfo;
  readonly correlationId: string;
  readonly log: Logger;
  readonly services: AppServices;
  readonly commands: readonly AnyCommand[];
  readonly approvalCards: ApprovalCards;
  /** The caller's roles and scope, decided from their Azure AD identity. */
  readonly access: CallerAccess;
  /** Posts a card in the conversation and returns its activity id. */
  send(card: AdaptiveCard): Promise<string>;
  update(activityId: string, card: AdaptiveCard): Promise<void>;
}

/**
 * What a command is. It lives beside its context because the two refer to each other (the context lists the
 * commands, a command's run takes the context): apart they would be two files importing each other.
 */
export type ArgsSchema = z.ZodObject<z.ZodRawShape>;

export interface CommandDefinition<S extends ArgsSchema> {
  /** One or two words, matched case-insensitively: `help`, `policy create`. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly examples: readonly string[];
  /** Names, in order, of the args fields filled from positional words. */
  readonly positionals: readonly (keyof z.infer<S> & string)[];
  /** Flags are the camelCase of `--kebab-case` words; boolean fields take no value. */
  readonly args: S;
  readonly changesTenant: boolean;
  /** The role the caller needs; checked before `run`. */
  readonly role: Requirement;
  /** Returns the card to reply with, or nothing when the command posted its own. */
  run(args: z.infer<S>, context: CommandContext): Promise<AdaptiveCard | undefined>;
}

export type AnyCommand = CommandDefinition<ArgsSchema>;

export function defineCommand<S extends ArgsSchema>(definition: CommandDefinition<S>): AnyCommand {
  return definition as unknown as AnyCommand;
}
