import type { CollectionSummary, SiteInfo } from '../../ports/configmgr-gateway.js';
import { defineStepKind, type StepHandler, type WorldCheck } from '../../runs/step-handler.js';
import type { TenantServices } from '../../tenant-services.js';
import { buildEnableCollectionGuidance } from '../enable-collection-guidance.js';
import { blocked, failedOutcome, fromResult, type Gate, passed, publicCloudGate, valueOrThrow } from '../gates.js';
import {
  collectionNotFoundProblem,
  NOT_ATTACHED_PROBLEM,
  notDeviceCollectionProblem,
  notTopLevelProblem,
  outsideUploadScopeProblem,
} from '../problems.js';
import { collectionInputSchema, type CollectionInput, parseInput, STEP_KINDS } from '../step-kinds.js';
import { findSyncedCollection } from '../synced-collections.js';
import { coveredByScope } from '../scope-coverage.js';

/** The Cloud Sync "endpoint security" option of one collection: gated, guided in the console, verified in Intune. */
export function createEnableCollectionStep(services: TenantServices): StepHandler {
  return defineStepKind({
    kind: STEP_KINDS.enableCollection,
    changesTenant: true,
    async check(step): Promise<WorldCheck> {
      const input = parseInput(collectionInputSchema, step.input, STEP_KINDS.enableCollection);
      const cloudSync = valueOrThrow(
        await services.configMgr.getCollectionCloudSync(input.collectionId),
        `read the Cloud Sync settings of ${input.collectionId}`,
      );
      if (cloudSync.endpointSecurityEnabled !== true)
        return {
          done: false,
          seen: `the Cloud Sync settings of ${input.collectionName} in ConfigMgr`,
          awaiting: 'the endpoint security option ticked there',
        };
      const synced = await findSyncedCollection(services.intuneCollections, input.collectionId);
      if (!synced)
        return {
          done: false,
          seen: `${input.collectionName} has the endpoint security option ticked in ConfigMgr`,
          awaiting: `Intune listing it among the synced collections (it comes with ConfigMgr's next upload)`,
        };
      return {
        done: true,
        message: `${input.collectionName} is enabled for endpoint security policies and Intune lists it as ${synced.displayName}`,
        outcome: { collectionId: input.collectionId, intuneId: synced.id },
      };
    },
    async perform(step) {
      const input = parseInput(collectionInputSchema, step.input, STEP_KINDS.enableCollection);
      const gate = await enableGates(services, input);
      if (!gate.pass) return failedOutcome(gate.problem);
      const { site, collection } = gate.value;
      return {
        kind: 'waiting-for-admin',
        message: `Waiting for the Cloud Sync option of ${collection.name} to be ticked in the ConfigMgr console.`,
        guidance: buildEnableCollectionGuidance(site, collection),
      };
    },
  });
}

/** In the order the console would refuse: the collection, the hierarchy, the upload scope, the site, the cloud. */
async function enableGates(
  services: TenantServices,
  input: CollectionInput,
): Promise<Gate<{ site: SiteInfo; collection: CollectionSummary }>> {
  const read = await services.configMgr.getCollection(input.collectionId);
  if (!read.ok && read.error.code === 'CollectionNotFound')
    return blocked(collectionNotFoundProblem(input.collectionId));
  const collection = fromResult(read, `read collection ${input.collectionId}`);
  if (!collection.pass) return collection;
  if (collection.value.type !== 'device') return blocked(notDeviceCollectionProblem(collection.value));
  const state = fromResult(await services.configMgr.getTenantAttachState(), 'read the tenant attach state');
  if (!state.pass) return state;
  if (state.value.attached === false) return blocked(NOT_ATTACHED_PROBLEM);
  if ((await coveredByScope(services, collection.value.id, state.value.uploadScope, collection.value)) === false)
    return blocked(outsideUploadScopeProblem(collection.value, state.value.uploadScope));
  const site = fromResult(await services.configMgr.getSiteInfo(), 'read the site');
  if (!site.pass) return site;
  if (!site.value.isTopLevel) return blocked(notTopLevelProblem(site.value));
  const cloud = await publicCloudGate(services, state.value.cloud);
  if (!cloud.pass) return cloud;
  return passed({ site: site.value, collection: collection.value });
}
