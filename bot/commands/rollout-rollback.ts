import { findRollout } from '../../core/rollouts/find-rollout.js';
import { haltedRing, planRingRollback } from '../../core/rollouts/halt-actions.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';
import { requestChange } from './request-change.js';
import { rolloutCandidates, rolloutTargetArgs } from './rollout-target.js';

export const rolloutRollbackCommand = defineCommand({
  name: 'rollout rollback',
  summary:
    'Plans taking a halted rollout’s last ring off again (exactly its targets; every other assignment stays as it is).',
  usage: 'rollout rollback "<policy name or id, or the rollout\'s run id>"',
  examples: ['rollout rollback "EDR pilot"', 'rollout rollback r-7k2m9q'],
  positionals: ['rollout'],
  args: rolloutTargetArgs,
  changesTenant: true,
  role: 'operator',
  async run({ rollout }, context) {
    const { services, actor, conversation } = context;
    const now = services.clock.now();
    const run = findRollout(await rolloutCandidates(services.runs, rollout), rollout, 'halted', now);
    const plan = await planRingRollback(requireTenant(services), run, now);
    await services.audit.append({
      actor,
      action: 'rollout.rollback-requested',
      target: run.id,
      conversationId: conversation.id,
      details: { ring: haltedRing(run, now).name, plan: plan.title },
    });
    return requestChange(plan, context);
  },
});
