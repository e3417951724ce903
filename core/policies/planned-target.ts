import type { AssignmentTarget } from '../policy/assignment-target.js';

/** An assignment target with the words a plan shows for it and, where a port can tell, how many devices it reaches. */
export interface PlannedTarget {
  readonly target: AssignmentTarget;
  readonly label: string;
  readonly devices?: number;
}
