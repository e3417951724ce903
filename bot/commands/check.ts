import { z } from 'zod';
import { PROFILE_IDS } from '../../core/policy/catalog/index.js';
import { defineCommand } from '../context/command-context.js';
import { collectionIdSchema, prerequisitesCard, profileSchema } from '../replies/prerequisites-card.js';

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Checks the prerequisites for Intune endpoint security policy on tenant attached ConfigMgr devices.',
  usage: `check [all|${PROFILE_IDS.join('|')}] [--collection <id>]`,
  examples: ['check', 'check edr', 'check antivirus --collection PS100042', 'check firewall'],
  positionals: ['profile'],
  args: z.object({ profile: profileSchema.default('all'), collection: collectionIdSchema.optional() }),
  changesTenant: false,
  role: 'reader',
  async run({ profile, collection }, context) {
    return prerequisitesCard(profile, collection, context);
  },
});
