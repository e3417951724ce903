import type { Planner } from '../../core/approvals/change-plan.js';
import type { StepHandler } from '../../core/runs/step-handler.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { createPolicyPlanners, createPolicyStepHandlers } from '../../core/policies/policy-services.js';
import { createRolloutPlanner } from '../../core/rollouts/rollout-planner.js';
import { createHandOverStep } from '../../core/workflow/steps/hand-over-step.js';
import { createPrerequisitesStep } from '../../core/workflow/steps/prerequisites-step.js';
import { createWorkflowStepHandlers } from '../../core/workflow/steps/workflow-steps.js';

/** Every step kind a run can contain; steps that need the tenant exist only when one is configured. */
export function stepHandlers(tenant: TenantServices | undefined): StepHandler[] {
  if (!tenant) return [];
  return [
    ...createWorkflowStepHandlers(tenant),
    createPrerequisitesStep(tenant),
    createHandOverStep(),
    ...createPolicyStepHandlers(tenant),
  ];
}

/** Every planner a change request can be made (and re-checked) with. */
export function planners(tenant: TenantServices): Planner[] {
  return [...createPolicyPlanners(tenant), createRolloutPlanner(tenant)];
}
