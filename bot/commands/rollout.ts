import { z } from 'zod';
import { DEFAULT_GATE } from '../../core/rollouts/gate-rules.js';
import { parseRing, refuseDuplicateRings } from '../../core/rollouts/ring-flags.js';
import { createRolloutPlanner } from '../../core/rollouts/rollout-planner.js';
import { DEFAULT_SOAK } from '../../core/rollouts/soak-duration.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';
import { requestChange } from './request-change.js';

export const rolloutCommand = defineCommand({
  name: 'rollout',
  summary:
    'Plans assigning a policy ring by ring: each ring soaks, and the next one follows only when its compliance gate holds.',
  usage:
    'rollout "<policy name or id>" --ring "<name>=<group or collection>[,<more>]" [--ring …] [--gate "<rules>"] ' +
    '[--soak <duration>] [--auto|--approve-each] [--filter "<assignment filter>" [--filter-mode include|exclude]]',
  examples: [
    'rollout "EDR pilot" --ring "pilot=PS100042" --ring "broad=All Windows 10 Workstations"',
    'rollout "AV - Servers" --ring "pilot=PS100042" --ring "rest=PS100013" --gate "reported>=90%, failed<=1%" --soak 48h --auto',
  ],
  positionals: ['policy'],
  args: z.object({
    policy: z.string().trim().min(1).max(256),
    ring: z.array(z.string().trim().min(1).max(2000)).min(1).max(10),
    gate: z.string().trim().min(1).max(500).default(DEFAULT_GATE),
    soak: z.string().trim().min(1).max(16).default(DEFAULT_SOAK),
    auto: z.boolean().default(false),
    approveEach: z.boolean().default(false),
    filter: z.string().trim().min(1).max(256).optional(),
    filterMode: z.enum(['include', 'exclude']).optional(),
  }),
  changesTenant: true,
  role: 'operator',
  async run({ policy, ring, gate, soak, auto, approveEach, filter, filterMode }, context) {
    if (auto && approveEach) {
      throw new UserFacingError(
        '--auto or --approve-each, not both',
        'A rollout either advances by itself when a gate holds, or waits for an approval before each further ring.',
        'Keep one of the two (without either, each further ring is approved).',
      );
    }
    const rings = ring.map(parseRing);
    refuseDuplicateRings(rings);
    const tenant = requireTenant(context.services);
    const plan = await createRolloutPlanner(tenant).plan({
      policy,
      rings: rings.map((one) => ({ name: one.name, to: [...one.to] })),
      gate,
      soak,
      mode: auto ? 'auto' : 'approve-each',
      ...(filter === undefined ? {} : { filter }),
      ...(filterMode === undefined ? {} : { filterMode }),
    });
    return requestChange(plan, context);
  },
});
