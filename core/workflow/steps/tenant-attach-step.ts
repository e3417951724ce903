import type { Actor } from '../../actor.js';
import type { SiteInfo, TenantAttachState } from '../../ports/configmgr-gateway.js';
import { defineStepKind, type StepHandler, type WorldCheck } from '../../runs/step-handler.js';
import type { TenantServices } from '../../tenant-services.js';
import { blocked, failedOutcome, fromResult, type Gate, passed, publicCloudGate, valueOrThrow } from '../gates.js';
import { NO_DIRECTORY_IDENTITY_PROBLEM, notGlobalAdministratorProblem } from '../problems.js';
import { parseInput, STEP_KINDS, tenantAttachInputSchema } from '../step-kinds.js';
import { buildTenantAttachGuidance } from '../tenant-attach-guidance.js';

/** Tenant attach is a console-only change made by a Global Administrator; the bot gates, guides and verifies. */
export function createTenantAttachStep(services: TenantServices): StepHandler {
  return defineStepKind({
    kind: STEP_KINDS.tenantAttach,
    changesTenant: true,
    async check(): Promise<WorldCheck> {
      const state = valueOrThrow(await services.configMgr.getTenantAttachState(), 'read the tenant attach state');
      if (state.attached === false)
        return { done: false, seen: 'the tenant attach state of the hierarchy in ConfigMgr', awaiting: 'it turned on' };
      const synced = await countSyncedCollections(services);
      if (state.attached === true) {
        const intune = synced > 0 ? '; Intune lists collections synced from the hierarchy' : '';
        return {
          done: true,
          message: `the hierarchy is tenant attached${tenantOf(state)}${intune}`,
          outcome: { tenantId: state.tenantId, cloud: state.cloud },
        };
      }
      return synced > 0
        ? {
            done: true,
            message: `Intune lists collections synced from the hierarchy${tenantOf(state)}, so its upload works`,
            outcome: { tenantId: state.tenantId, cloud: state.cloud },
          }
        : {
            done: false,
            seen: 'ConfigMgr, which does not say whether the hierarchy is tenant attached',
            awaiting: 'any collection from the hierarchy in Intune',
          };
    },
    async perform(step, context) {
      const input = parseInput(tenantAttachInputSchema, step.input, STEP_KINDS.tenantAttach);
      const gate = await attachGates(services, context.run.requestedBy);
      if (!gate.pass) return failedOutcome(gate.problem);
      return {
        kind: 'waiting-for-admin',
        message: 'Waiting for a Global Administrator to turn on tenant attach in the ConfigMgr console.',
        guidance: buildTenantAttachGuidance(gate.value, input.scope),
      };
    },
  });
}

/** The acting user is the run's requester as the channel authenticated them, never a name typed in the command. */
async function attachGates(services: TenantServices, requester: Actor): Promise<Gate<SiteInfo>> {
  if (requester.aadObjectId === undefined) return blocked(NO_DIRECTORY_IDENTITY_PROBLEM);
  if (!(await services.directory.isGlobalAdministrator(requester.aadObjectId))) {
    const eligibility = await services.directory
      .globalAdministratorEligibility(requester.aadObjectId)
      .catch(() => 'not-permitted' as const);
    return blocked(notGlobalAdministratorProblem(requester.name, eligibility));
  }
  const state = fromResult(await services.configMgr.getTenantAttachState(), 'read the tenant attach state');
  if (!state.pass) return state;
  const cloud = await publicCloudGate(services, state.value.cloud);
  if (!cloud.pass) return cloud;
  const site = fromResult(await services.configMgr.getSiteInfo(), 'read the site');
  return site.pass ? passed(site.value) : site;
}

/** Extra evidence only: a failed read counts as none. */
async function countSyncedCollections(services: TenantServices): Promise<number> {
  try {
    return (await services.intuneCollections.listSyncedCollections({ pageSize: 1 })).items.length;
  } catch {
    return 0;
  }
}

function tenantOf(state: TenantAttachState): string {
  const tenant = state.tenantName ?? state.tenantId;
  return tenant === undefined ? '' : ` to ${tenant}`;
}
