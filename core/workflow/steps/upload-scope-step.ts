import type { UploadScope } from '../../ports/configmgr-gateway.js';
import { defineStepKind, type StepHandler, type WorldCheck } from '../../runs/step-handler.js';
import type { TenantServices } from '../../tenant-services.js';
import { failedOutcome, fromResult, valueOrThrow } from '../gates.js';
import { collectionNotFoundProblem, NOT_ATTACHED_PROBLEM } from '../problems.js';
import { collectionInputSchema, parseInput, STEP_KINDS } from '../step-kinds.js';
import { findSyncedCollection } from '../synced-collections.js';
import { buildUploadScopeGuidance } from '../upload-scope-guidance.js';
import { coveredByScope } from '../scope-coverage.js';

/** A collection must be inside the upload scope before its Cloud Sync option can be ticked. */
export function createUploadScopeStep(services: TenantServices): StepHandler {
  return defineStepKind({
    kind: STEP_KINDS.uploadScope,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const input = parseInput(collectionInputSchema, step.input, STEP_KINDS.uploadScope);
      const state = valueOrThrow(await services.configMgr.getTenantAttachState(), 'read the tenant attach state');
      if (state.attached === false)
        return { done: false, seen: 'the tenant attach state in ConfigMgr', awaiting: 'tenant attach turned on' };
      const scope = state.uploadScope;
      if (scope.kind === 'unknown') {
        const synced = await findSyncedCollection(services.intuneCollections, input.collectionId);
        return synced
          ? { done: true, message: `Intune lists ${input.collectionName}, so it is uploaded` }
          : {
              done: false,
              seen: 'the synced collections in Intune',
              awaiting: `${input.collectionName} among them`,
            };
      }
      const covered = await coveredByScope(services, input.collectionId, scope);
      return covered === true
        ? { done: true, message: `${input.collectionName} is inside the upload scope${scopeSuffix(scope)}` }
        : {
            done: false,
            seen: `the upload scope${scopeSuffix(scope)} in ConfigMgr`,
            awaiting: `${input.collectionName} inside it`,
          };
    },
    async perform(step) {
      const input = parseInput(collectionInputSchema, step.input, STEP_KINDS.uploadScope);
      const state = fromResult(await services.configMgr.getTenantAttachState(), 'read the tenant attach state');
      if (!state.pass) return failedOutcome(state.problem);
      if (state.value.attached === false) return failedOutcome(NOT_ATTACHED_PROBLEM);
      const read = await services.configMgr.getCollection(input.collectionId);
      if (!read.ok && read.error.code === 'CollectionNotFound')
        return failedOutcome(collectionNotFoundProblem(input.collectionId));
      const found = fromResult(read, `read collection ${input.collectionId}`);
      if (!found.pass) return failedOutcome(found.problem);
      const collection = { id: found.value.id, name: found.value.name };
      if (state.value.uploadScope.kind === 'unknown') {
        return {
          kind: 'skipped',
          message: `The upload scope cannot be read through the AdminService, so I could not check it. If ${collection.name} is outside it, the Cloud Sync option of the next step stays greyed out: then include it on the Configure upload tab of the production policy (Administration > Cloud Services) first.`,
        };
      }
      const site = fromResult(await services.configMgr.getSiteInfo(), 'read the site');
      if (!site.pass) return failedOutcome(site.problem);
      return {
        kind: 'waiting-for-admin',
        message: `Waiting for ${collection.name} to be brought into the upload scope in the ConfigMgr console.`,
        guidance: buildUploadScopeGuidance(site.value, collection, state.value.uploadScope),
      };
    },
  });
}

function scopeSuffix(scope: UploadScope): string {
  return scope.kind === 'all' ? ' (all devices)' : scope.kind === 'collection' ? ` (${scope.collectionId})` : '';
}
