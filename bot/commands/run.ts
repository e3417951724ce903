import { z } from 'zod';
import { runCard } from '../replies/run-card.js';
import { defineCommand } from '../context/command-context.js';

export const runCommand = defineCommand({
  name: 'run',
  summary: "Shows one run's steps, their state and timing, and what comes next.",
  usage: 'run <id>',
  examples: ['run r-7k2m9q'],
  positionals: ['id'],
  args: z.object({
    id: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^r-[a-z0-9]{4,20}$/, 'must be a run id such as r-7k2m9q (type runs to list them)'),
  }),
  changesTenant: false,
  role: 'reader',
  async run({ id }, { services, access }) {
    return runCard(await services.runs.requireRun(id), services, access);
  },
});
