import type { AssignmentTarget } from '../policy/assignment-target.js';

/** An assignment target with the words a plan shows for it and, where a port can tell, how many devices it reaches. */
export interface PlannedTarget {
  readonly target: AssignmentTarget;
  readonly label: string;
  readonly devices?: number;
}

/** The names a target goes by (its id and display name), parsed from its label, for operator scope checks. */
export function targetAliases(planned: PlannedTarget): string[] {
  const match = /^(?:Collection|Group|Excluded group) (.*) \(([^()]*)\)$/.exec(planned.label);
  return match ? [match[2] ?? '', match[1] ?? ''].filter((alias) => alias !== '') : [planned.label];
}
