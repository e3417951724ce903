import { z } from 'zod';
import { DRIFT_UNWATCH_PLANNER } from '../../core/drift/plans/drift-unwatch-planner.js';
import { defineCommand } from '../context/command-context.js';
import { requestDriftPlan } from './drift-plan-request.js';

export const unwatchCommand = defineCommand({
  name: 'unwatch',
  summary: 'Plans no longer watching a policy for drift (its baseline goes); approved by a second person.',
  usage: 'unwatch "<policy name or id>"',
  examples: ['unwatch "EDR - Finance (portal)"'],
  positionals: ['policy'],
  args: z.object({ policy: z.string().trim().min(1).max(256) }),
  changesTenant: true,
  role: 'operator',
  run: ({ policy }, context) => requestDriftPlan(DRIFT_UNWATCH_PLANNER, { policy }, context),
});
