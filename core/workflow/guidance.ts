import { z } from 'zod';

/** What a person does in the ConfigMgr console for a step only the console can do, and how the bot checks it. */
export const guidanceSchema = z.object({
  title: z.string(),
  steps: z.array(z.string()),
  commandLine: z.string().optional(),
  verifyHint: z.string(),
  logs: z.array(z.string()),
});

export type Guidance = z.infer<typeof guidanceSchema>;

/** Reads the guidance a step record stores (it comes back from storage as plain JSON). */
export function parseGuidance(stored: unknown): Guidance | undefined {
  const parsed = guidanceSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}
