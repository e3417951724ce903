import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { defineCommand } from '../context/command-context.js';
import { DRIFT_LAST_CYCLE_KEY } from '../drift/start-drift-watch.js';

/**
 * Asks for a drift cycle now: the stored time of the last cycle is cleared, so the instance that watches (the
 * holder of the scheduler lease) runs one at its next tick and posts what it finds where drift is always posted.
 */
export const driftCheckCommand = defineCommand({
  name: 'drift check',
  summary: 'Looks at every watched policy for drift now instead of at the next interval.',
  usage: 'drift check',
  examples: ['drift check'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'operator',
  async run(_args, { services }) {
    if (!services.tenant?.driftReads) {
      throw new UserFacingError('No tenant to watch', 'AttachOps has no Intune tenant configured.');
    }
    await services.storage.delete(DRIFT_LAST_CYCLE_KEY);
    return renderCard('notice', {
      title: 'Drift check asked for',
      message:
        'Every watched policy is looked at within the scheduler tick (15 seconds by default); drift found is posted in the drift channel and listed by drift.',
      nextSteps: [{ title: 'Open drift', command: 'drift' }],
    });
  },
});
