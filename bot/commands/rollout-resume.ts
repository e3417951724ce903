import { findRollout } from '../../core/rollouts/find-rollout.js';
import { defineCommand } from '../context/command-context.js';
import { runCard } from '../replies/run-card.js';
import { rolloutCandidates, rolloutTargetArgs } from './rollout-target.js';

export const rolloutResumeCommand = defineCommand({
  name: 'rollout resume',
  summary: 'Resumes a paused rollout: its gate is evaluated at once (after the soak) and the rings go on.',
  usage: 'rollout resume "<policy name or id, or the rollout\'s run id>"',
  examples: ['rollout resume "EDR pilot"', 'rollout resume r-7k2m9q'],
  positionals: ['rollout'],
  args: rolloutTargetArgs,
  changesTenant: false,
  role: 'operator',
  async run({ rollout }, { services, actor, access, conversation }) {
    const run = findRollout(await rolloutCandidates(services.runs, rollout), rollout, 'open', services.clock.now());
    if (await services.rolloutPauses.resume(run.id)) {
      await services.audit.append({
        actor,
        action: 'rollout.resumed',
        target: run.id,
        conversationId: conversation.id,
      });
    }
    await services.runs.refresh(run.id, actor);
    return runCard(await services.runs.requireRun(run.id), services, access);
  },
});
