import { z } from 'zod';
import { DRIFT_WATCH_PLANNER } from '../../core/drift/plans/drift-baseline-planner.js';
import { defineCommand } from '../context/command-context.js';
import { requestDriftPlan } from './drift-plan-request.js';

export const watchCommand = defineCommand({
  name: 'watch',
  summary: 'Plans watching a policy for drift: once approved, its current settings and assignments are its baseline.',
  usage: 'watch "<policy name or id>"',
  examples: ['watch "EDR - Finance (portal)"'],
  positionals: ['policy'],
  args: z.object({ policy: z.string().trim().min(1).max(256) }),
  changesTenant: true,
  role: 'operator',
  run: ({ policy }, context) => requestDriftPlan(DRIFT_WATCH_PLANNER, { policy }, context),
});
