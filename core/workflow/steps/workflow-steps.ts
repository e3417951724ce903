import type { StepHandler } from '../../runs/step-handler.js';
import type { TenantServices } from '../../tenant-services.js';
import { createEnableCollectionStep } from './enable-collection-step.js';
import { createTenantAttachStep } from './tenant-attach-step.js';
import { createUploadScopeStep } from './upload-scope-step.js';

/** Every step kind the attach and enable runs use, for the run engine's handler list. */
export function createWorkflowStepHandlers(services: TenantServices): StepHandler[] {
  return [createTenantAttachStep(services), createUploadScopeStep(services), createEnableCollectionStep(services)];
}
