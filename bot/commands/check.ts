import { z } from 'zod';
import { defineCommand } from '../context/command-context.js';
import { collectionIdSchema, prerequisitesCard, profileSchema } from '../replies/prerequisites-card.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Checks the prerequisites for Intune EDR and Antivirus policy on tenant attached ConfigMgr devices.',
  usage: 'check [edr|antivirus|all] [--collection <id>]',
  examples: ['check', 'check edr', 'check antivirus --collection PS100042'],
  positionals: ['profile'],
  args: z.object({ profile: profileSchema.default('all'), collection: collectionIdSchema.optional() }),
  changesTenant: false,
  role: 'reader',
  async run({ profile, collection }, context) {
    return prerequisitesCard(profile, collection, context);
  },
});
