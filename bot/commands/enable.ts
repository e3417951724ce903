import { z } from 'zod';
import { defineCommand } from '../context/command-context.js';
import { startEnable } from '../replies/start-enable.js';

export const enableCommand = defineCommand({
  name: 'enable',
  summary: 'Makes a device collection available for Intune endpoint security policies, guiding the console steps.',
  usage: 'enable <collection>',
  examples: ['enable PS100042', 'enable "All Windows 11 Devices"'],
  positionals: ['collection'],
  args: z.object({ collection: z.string().trim().min(1).max(256) }),
  changesTenant: false,
  role: 'operator',
  async run({ collection: typed }, context) {
    return startEnable(typed, context);
  },
});
