import { z } from 'zod';
import type { RunRecord } from './run-record.js';

const approvalStepInput = z.object({ approvalId: z.string() });
const collectionInput = z.object({ collectionId: z.string(), collectionName: z.string() });
const attachInput = z.object({ scope: z.object({ kind: z.literal('collection'), name: z.string() }) });
const createInput = z.object({ draft: z.object({ name: z.string() }) });

/** The policies a run's own steps name: what `audit --policy` finds it by (a compacted run's tombstone keeps them). */
export function policiesOfRunSteps(run: RunRecord): string[] {
  return unique(run.steps.flatMap((step) => createInput.safeParse(step.input).data?.draft.name ?? []));
}

/** The collections a run's steps touch. */
export function collectionsOfRunSteps(run: RunRecord): string[] {
  return unique(
    run.steps.flatMap((step) => {
      const collection = collectionInput.safeParse(step.input);
      if (collection.success) return [collection.data.collectionName];
      const attach = attachInput.safeParse(step.input);
      return attach.success ? [attach.data.scope.name] : [];
    }),
  );
}

/** The approval a run waited for, if one of its steps names one. */
export function approvalIdOfRun(run: RunRecord): string | undefined {
  for (const step of run.steps) {
    const parsed = approvalStepInput.safeParse(step.input);
    if (parsed.success) return parsed.data.approvalId;
  }
  return undefined;
}

function unique(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()];
}
