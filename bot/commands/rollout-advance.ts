import { findRollout } from '../../core/rollouts/find-rollout.js';
import { haltedRing, planAdvanceAnyway } from '../../core/rollouts/halt-actions.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';
import { requestChange } from './request-change.js';
import { rolloutCandidates, rolloutTargetArgs } from './rollout-target.js';

export const rolloutAdvanceCommand = defineCommand({
  name: 'rollout advance',
  summary:
    'Plans going on past a halted ring anyway: the remaining rings as a new rollout, approved and gated as before.',
  usage: 'rollout advance "<policy name or id, or the rollout\'s run id>"',
  examples: ['rollout advance "EDR pilot"', 'rollout advance r-7k2m9q'],
  positionals: ['rollout'],
  args: rolloutTargetArgs,
  changesTenant: true,
  role: 'operator',
  async run({ rollout }, context) {
    const { services, actor, conversation } = context;
    const now = services.clock.now();
    const run = findRollout(await rolloutCandidates(services.runs, rollout), rollout, 'halted', now);
    const plan = await planAdvanceAnyway(
      requireTenant(services),
      run,
      (id) => services.approvals.requireRecord(id),
      now,
    );
    await services.audit.append({
      actor,
      action: 'rollout.advance-requested',
      target: run.id,
      conversationId: conversation.id,
      details: { passing: haltedRing(run, now).name, plan: plan.title },
    });
    return requestChange(plan, context);
  },
});
