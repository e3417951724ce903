import { z } from 'zod';
import { COMMAND_RUN_VERB } from '../../cards/card-extras.js';
import { dispatchMessage, MAX_COMMAND_LENGTH } from '../commands/dispatch-message.js';
import { defineVerb } from './verb.js';

/**
 * A next-step button (cards/card-extras.ts): runs its command as if the clicking person had typed it. The button
 * carries only the command's text; who may run it is decided by the command's own role check against the caller's
 * identity, exactly as for a typed command, so a stranger's click gets the refusal a stranger's message gets.
 * The answer is posted as a new message, so the card with the button stays.
 */
export const commandRunVerb = defineVerb({
  verb: COMMAND_RUN_VERB,
  button: 'the next-step button',
  // Everyone may press it: the command it runs checks the caller's role (dispatchMessage), as when typed.
  role: 'anyone',
  data: z.object({ command: z.string().trim().min(1).max(MAX_COMMAND_LENGTH) }),
  async run({ command }, context) {
    const card = await dispatchMessage(command, context, { fromButton: true });
    if (card) await context.send(card);
    return { note: `Running ${command.split(/\s+/).slice(0, 2).join(' ')}…` };
  },
});
