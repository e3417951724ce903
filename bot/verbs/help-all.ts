import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toHelpView } from '../../cards/views/help-view.js';
import { defineVerb } from './verb.js';

export const helpAllVerb = defineVerb({
  verb: 'help.all',
  data: z.object({}),
  async run(_data, { commands }) {
    return renderCard('help', toHelpView(commands));
  },
});
