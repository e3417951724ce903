import { z } from 'zod';
import { helpCard } from '../commands/help-card.js';
import { defineVerb } from './verb.js';

export const helpAllVerb = defineVerb({
  verb: 'help.all',
  role: 'anyone',
  data: z.object({}),
  async run(_data, context) {
    return helpCard(context);
  },
});
