import { findRollout } from '../../core/rollouts/find-rollout.js';
import { defineCommand } from '../context/command-context.js';
import { runCard } from '../replies/run-card.js';
import { rolloutCandidates, rolloutTargetArgs } from './rollout-target.js';

export const rolloutPauseCommand = defineCommand({
  name: 'rollout pause',
  summary: 'Pauses a rollout: its ring soaks on, but no gate is evaluated and no further ring assigned until resumed.',
  usage: 'rollout pause "<policy name or id, or the rollout\'s run id>"',
  examples: ['rollout pause "EDR pilot"', 'rollout pause r-7k2m9q'],
  positionals: ['rollout'],
  args: rolloutTargetArgs,
  changesTenant: false,
  role: 'operator',
  async run({ rollout }, { services, actor, access, conversation }) {
    const run = findRollout(await rolloutCandidates(services.runs, rollout), rollout, 'open', services.clock.now());
    if (await services.rolloutPauses.pause(run.id, actor)) {
      await services.audit.append({ actor, action: 'rollout.paused', target: run.id, conversationId: conversation.id });
    }
    await services.runs.refresh(run.id, actor);
    return runCard(await services.runs.requireRun(run.id), services, access);
  },
});
