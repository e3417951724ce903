import { z } from 'zod';
import { collectionIdSchema, prerequisitesCard, profileSchema } from '../replies/prerequisites-card.js';
import { defineVerb } from './verb.js';

export const checkRerunVerb = defineVerb({
  verb: 'check.rerun',
  button: 'the Check again button',
  role: 'reader',
  data: z.object({ profile: profileSchema, collection: z.union([z.literal(''), collectionIdSchema]).default('') }),
  async run({ profile, collection }, context) {
    return prerequisitesCard(profile, collection === '' ? undefined : collection, context);
  },
});
