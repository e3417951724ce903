import type { Planner } from '../approvals/change-plan.js';
import type { StepHandler } from '../runs/step-handler.js';
import type { TenantServices } from '../tenant-services.js';
import { createPolicyAssignPlanner } from './policy-assign-planner.js';
import { createPolicyAssignStep } from './policy-assign-step.js';
import { createPolicyCreatePlanner } from './policy-create-planner.js';
import { createPolicyCreateStep } from './policy-create-step.js';
import { createPolicyDeletePlanner } from './policy-delete-planner.js';
import { createPolicyDeleteStep } from './policy-delete-step.js';
import { createPolicyRenamePlanner } from './policy-rename-planner.js';
import { createPolicyRenameStep } from './policy-rename-step.js';
import { createPolicyUnassignPlanner } from './policy-unassign-planner.js';
import { createPolicyUnassignStep } from './policy-unassign-step.js';

/** The planners the approval service re-runs before a plan is carried out, by `ChangePlan.kind`. */
export function createPolicyPlanners(services: TenantServices): Planner[] {
  return [
    createPolicyCreatePlanner(services),
    createPolicyAssignPlanner(services),
    createPolicyUnassignPlanner(services),
    createPolicyDeletePlanner(services),
    createPolicyRenamePlanner(services),
  ];
}

/** The step kinds policy plans contain, for the run engine's handler list. */
export function createPolicyStepHandlers(services: TenantServices): StepHandler[] {
  return [
    createPolicyCreateStep(services.policies),
    createPolicyAssignStep(services.policies),
    createPolicyUnassignStep(services.policies),
    createPolicyDeleteStep(services.policies),
    createPolicyRenameStep(services.policies),
  ];
}
