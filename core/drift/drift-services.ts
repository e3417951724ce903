import { randomUUID } from 'node:crypto';
import type { Planner } from '../approvals/change-plan.js';
import type { Storage } from '../ports/storage.js';
import type { StepHandler } from '../runs/step-handler.js';
import type { TenantServices } from '../tenant-services.js';
import { BaselineStore } from './baseline-store.js';
import { DriftEpisodes } from './drift-episodes.js';
import { driftNamesIn } from './drift-names.js';
import { createDriftAcceptPlanner, createDriftWatchPlanner } from './plans/drift-baseline-planner.js';
import { createDriftRevertPlanner } from './plans/drift-revert-planner.js';
import { createDriftUnwatchPlanner } from './plans/drift-unwatch-planner.js';
import { createDriftBaselineStep } from './steps/drift-baseline-step.js';
import { createDriftRecreateStep } from './steps/drift-recreate-step.js';
import { createDriftRecreatedStep } from './steps/drift-recreated-step.js';
import { createDriftRevertStep } from './steps/drift-revert-step.js';
import { createDriftRevertedStep } from './steps/drift-reverted-step.js';
import { createDriftUnwatchStep } from './steps/drift-unwatch-step.js';

/** A new drift episode's id. */
export const newEpisodeId = (): string => `d-${randomUUID().slice(0, 8)}`;

/** The drift watch's planners (Revert/Recreate, Accept, watch, unwatch); none without the drift ports. */
export function createDriftPlanners(tenant: TenantServices, storage: Storage): Planner[] {
  const reads = tenant.driftReads;
  if (reads === undefined) return [];
  const baselines = new BaselineStore(storage);
  const parts = { baselines, reads, policies: tenant.policies, names: driftNamesIn(tenant) };
  return [
    createDriftRevertPlanner(parts),
    createDriftAcceptPlanner(parts),
    createDriftWatchPlanner(parts),
    createDriftUnwatchPlanner(parts),
  ];
}

/** The drift watch's step kinds; Revert and Recreate need the restore port. */
export function createDriftStepHandlers(tenant: TenantServices | undefined, storage: Storage): StepHandler[] {
  const reads = tenant?.driftReads;
  if (tenant === undefined || reads === undefined) return [];
  const baselines = new BaselineStore(storage);
  const episodes = new DriftEpisodes(storage, newEpisodeId);
  const restore = tenant.driftRestore;
  return [
    createDriftBaselineStep({ baselines, episodes, reads }),
    createDriftUnwatchStep({ baselines, episodes }),
    ...(restore === undefined
      ? []
      : [
          createDriftRevertStep({ baselines, reads, restore }),
          createDriftRevertedStep({ baselines, reads }),
          createDriftRecreateStep({ baselines, episodes, policies: tenant.policies, reads, restore }),
          createDriftRecreatedStep({ baselines, episodes, reads }),
        ]),
  ];
}
