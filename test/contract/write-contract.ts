import { z } from 'zod';

const violationsSchema = z.object({
  violations: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      problems: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  ),
});

/**
 * The contract: every Graph write the bot sends passes Microsoft's published schema for its types (the sandbox checks
 * each write against sandbox/schema/graph-beta-extract.ts and keeps what fails). Every test that starts a sandbox
 * tenant calls this when it closes it, so one bad body fails that test file's suite, whatever the bot did next.
 */
export function assertNoContractViolations(reply: unknown): void {
  const { violations } = violationsSchema.parse(reply);
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) =>
    violation.problems.map((problem) => `${violation.method} ${violation.path} ${problem.path}: ${problem.message}`),
  );
  throw new Error(`Graph write bodies broke the schema contract:\n${lines.join('\n')}`);
}
