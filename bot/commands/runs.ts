import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toRunListView } from '../../cards/views/run-view.js';
import { defineCommand } from '../context/command-context.js';

const SHOWN = 10;

export const runsCommand = defineCommand({
  name: 'runs',
  summary: 'Lists the most recent runs (attach, enable, onboard, policy changes) and their state.',
  usage: 'runs [--all]',
  examples: ['runs', 'runs --all'],
  positionals: [],
  args: z.object({ all: z.boolean().optional() }),
  changesTenant: false,
  role: 'reader',
  async run({ all }, { services, conversation }) {
    // one page of the list index, newest first: never the whole history
    const page = await services.runs.page(all ? { limit: SHOWN } : { conversationId: conversation.id, limit: SHOWN });
    const shown = all ? page.runs : page.runs.filter((run) => run.conversationId === conversation.id);
    return renderCard('run-list', toRunListView(shown, services.clock.now()));
  },
});
