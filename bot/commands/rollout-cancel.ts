import { findRollout } from '../../core/rollouts/find-rollout.js';
import { defineCommand } from '../context/command-context.js';
import { requireRequester, runCard } from '../replies/run-card.js';
import { rolloutCandidates, rolloutTargetArgs } from './rollout-target.js';

export const rolloutCancelCommand = defineCommand({
  name: 'rollout cancel',
  summary: 'Cancels a rollout: no further ring is assigned; the rings assigned so far stay assigned.',
  usage: 'rollout cancel "<policy name or id, or the rollout\'s run id>"',
  examples: ['rollout cancel "EDR pilot"', 'rollout cancel r-7k2m9q'],
  positionals: ['rollout'],
  args: rolloutTargetArgs,
  changesTenant: false,
  role: 'operator',
  async run({ rollout }, { services, actor, access }) {
    const run = findRollout(await rolloutCandidates(services.runs, rollout), rollout, 'open', services.clock.now());
    requireRequester(run, access, 'cancel');
    const cancelled = await services.runs.cancel(run.id, actor);
    await services.rolloutPauses.resume(run.id);
    return runCard(cancelled, services, access);
  },
});
