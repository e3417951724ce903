import type { StepHandler, StepOutcome, WorldCheck } from '../../../core/runs/step-handler.js';

/** A world with named facts and steps that make them true, counting every perform. */
export class FakeWorld {
  readonly facts = new Set<string>();
  readonly performed: string[] = [];
  failNext = new Map<string, number>();

  handler(
    kind: string,
    outcome: (fact: string) => StepOutcome = () => ({ kind: 'done', message: 'made' }),
  ): StepHandler {
    return {
      kind,
      changesTenant: true,
      check: async (step): Promise<WorldCheck> => {
        const fact = String(step.input.fact);
        return this.facts.has(fact) ? { done: true, message: `${fact} is there` } : { done: false };
      },
      perform: async (step): Promise<StepOutcome> => {
        const fact = String(step.input.fact);
        const failures = this.failNext.get(fact) ?? 0;
        if (failures > 0) {
          this.failNext.set(fact, failures - 1);
          throw new Error(`cannot make ${fact}`);
        }
        this.performed.push(fact);
        const result = outcome(fact);
        if (result.kind === 'done') this.facts.add(fact);
        return result;
      },
    };
  }
}
