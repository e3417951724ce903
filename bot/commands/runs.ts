import { z } from 'zod';
import { defineCommand } from '../context/command-context.js';
import { runListCard } from '../replies/run-list-card.js';

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
    // one page of the list index, newest first: never the whole history; More goes on from there
    return runListCard(services, all ? { all: true } : { conversationId: conversation.id });
  },
});
