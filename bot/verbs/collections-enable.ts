import { z } from 'zod';
import { startEnable } from '../replies/start-enable.js';
import { defineVerb } from './verb.js';

/**
 * The Enable button on a collections row. Operator only, checked on every click from the clicker's identity (a reader
 * who sees a card made for an operator is refused), and the collection id is resolved and scope-checked again as if
 * it had been typed: nothing the card carries is trusted.
 */
export const collectionsEnableVerb = defineVerb({
  verb: 'collections.enable',
  button: 'the Enable button of the collections list',
  role: 'operator',
  answersBeside: { note: 'Starting the enable run below the list…' },
  data: z.object({ collectionId: z.string().trim().min(1).max(256) }).strict(),
  async run({ collectionId }, context) {
    return startEnable(collectionId, context);
  },
});
