import type { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import type { CommandContext } from '../context/command-context.js';
import type { Requirement } from '../../core/access/roles.js';

/** A card button's server side: the verb it sends, the shape of its data, and the card that replaces the old one. */
export interface VerbDefinition<S extends z.ZodType> {
  readonly verb: string;
  /** The button as the user saw it, for texts: `the Approve button` (never the verb id). */
  readonly button: string;
  readonly data: S;
  /** The role the clicking person needs; checked before `run`. */
  readonly role: Requirement;
  /**
   * For a row button on a list card: the card `run` answers with is posted as a new message, and the clicked list
   * stays as it was, with this note shown beside it. Without it, the answer replaces the clicked card.
   */
  readonly answersBeside?: { readonly note: string };
  run(data: z.infer<S>, context: VerbContext): Promise<VerbAnswer>;
}

/** A card that replaces the clicked one, or a short note shown while the clicked card stays as it was. */
export type VerbAnswer = AdaptiveCard | VerbNote;

export interface VerbNote {
  readonly note: string;
}

export function isVerbNote(answer: VerbAnswer): answer is VerbNote {
  return typeof (answer as Partial<VerbNote>).note === 'string';
}

export interface VerbContext extends CommandContext {
  /** The id of the message holding the card that was clicked. */
  readonly cardActivityId?: string;
}

export type AnyVerb = VerbDefinition<z.ZodType>;

export function defineVerb<S extends z.ZodType>(definition: VerbDefinition<S>): AnyVerb {
  return definition as unknown as AnyVerb;
}
