import { z } from 'zod';
import { defineStepKind, type StepHandler, type StepOutcome, type WorldCheck } from '../../runs/step-handler.js';
import { parseInput } from '../step-kinds.js';

export const HAND_OVER_STEP_KIND = 'hand-over';

export const handOverInputSchema = z.object({
  profile: z.enum(['edr', 'antivirus']),
  collections: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type HandOverInput = z.infer<typeof handOverInputSchema>;

const POLICY_NAME_PREFIX: Readonly<Record<HandOverInput['profile'], string>> = { edr: 'EDR', antivirus: 'AV' };

/** The command that creates the first policy for what was onboarded, as the user would type it. */
export function nextCommand(input: HandOverInput): string {
  const first = input.collections[0];
  const name = `${POLICY_NAME_PREFIX[input.profile]} - ${first?.name ?? 'ConfigMgr devices'}`.replaceAll('"', "'");
  return `policy create ${input.profile} --target configmgr --name "${name}"`;
}

/** Ends the onboard run by naming what is ready and the command to type next; changes nothing. */
export function createHandOverStep(): StepHandler {
  return defineStepKind({
    kind: HAND_OVER_STEP_KIND,
    changesTenant: false,
    check(): Promise<WorldCheck> {
      return Promise.resolve({ done: false });
    },
    perform(step): Promise<StepOutcome> {
      const input = parseInput(handOverInputSchema, step.input, HAND_OVER_STEP_KIND);
      const ready = input.collections.map((collection) => `${collection.name} (${collection.id})`).join(', ');
      const command = nextCommand(input);
      return Promise.resolve({
        kind: 'done',
        message: `Ready for ${input.profile === 'edr' ? 'EDR' : 'Antivirus'} policy: ${ready || 'the tenant attached hierarchy'}. Next, type: ${command}`,
        outcome: { nextCommand: command },
      });
    },
  });
}
