import { z } from 'zod';
import { helpCard } from '../replies/help-card.js';
import { defineVerb } from './verb.js';

export const helpAllVerb = defineVerb({
  verb: 'help.all',
  button: 'the All commands button',
  role: 'anyone',
  data: z.object({}),
  async run(_data, context) {
    return helpCard(context);
  },
});
