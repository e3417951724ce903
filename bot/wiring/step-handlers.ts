import type { StepHandler } from '../../core/runs/step-handler.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { createWorkflowStepHandlers } from '../../core/workflow/steps/workflow-steps.js';

/** Every step kind a run can contain; steps that need the tenant exist only when one is configured. */
export function stepHandlers(tenant: TenantServices | undefined): StepHandler[] {
  if (!tenant) return [];
  return [...createWorkflowStepHandlers(tenant)];
}
