import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toRolloutListView } from '../../cards/views/rollout-view.js';
import { defineCommand } from '../context/command-context.js';
import { recentRollouts } from './rollout-target.js';

const SHOWN = 10;

export const rolloutsCommand = defineCommand({
  name: 'rollouts',
  summary: 'Lists rollouts, open ones first: each ring done, soaking, waiting for approval or halted.',
  usage: 'rollouts',
  examples: ['rollouts'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'reader',
  async run(_args, { services }) {
    const rollouts = await recentRollouts(services.runs);
    const view = toRolloutListView(rollouts, services.clock.now());
    return renderCard('rollout-list', { rollouts: view.rollouts.slice(0, SHOWN) });
  },
});
