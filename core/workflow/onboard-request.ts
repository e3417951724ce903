import type { Actor } from '../actor.js';
import type { CollectionSummary } from '../ports/configmgr-gateway.js';
import type { PolicyProfile } from '../prerequisites/rule-result.js';
import type { RunRequest } from '../runs/run-engine.js';
import { collectionResource, TENANT_ATTACH_RESOURCE } from './run-requests.js';
import { STEP_KINDS, type CollectionInput, type TenantAttachInput } from './step-kinds.js';
import { HAND_OVER_STEP_KIND, type HandOverInput } from './steps/hand-over-step.js';
import { PREREQUISITES_STEP_KIND, type PrerequisitesInput } from './steps/prerequisites-step.js';

export const ONBOARD_RUN_KIND = 'onboard';

const PROFILE_NAMES: Readonly<Record<PolicyProfile, string>> = { edr: 'EDR', antivirus: 'Antivirus' };

export interface OnboardPlan {
  readonly profile: PolicyProfile;
  /** Collections to bring into the upload scope and enable; empty when the run only hands over ones already enabled. */
  readonly collections: readonly Pick<CollectionSummary, 'id' | 'name'>[];
  /** What the hand-over names when `collections` is empty: the collections Intune already lists. */
  readonly alreadyEnabled?: readonly Pick<CollectionSummary, 'id' | 'name'>[];
}

/**
 * onboard: the profile's prerequisites, tenant attach (found done when attached; upload all devices otherwise), then
 * for each collection its upload scope and Cloud Sync option, then the hand-over naming the next command.
 */
export function onboardRunRequest(
  plan: OnboardPlan,
  requester: { readonly requestedBy: Actor; readonly conversationId: string },
): RunRequest {
  const attachInput: TenantAttachInput = { scope: { kind: 'all' } };
  const prerequisitesInput: PrerequisitesInput = { profile: plan.profile };
  const handOverInput: HandOverInput = {
    profile: plan.profile,
    collections: (plan.collections.length > 0 ? plan.collections : (plan.alreadyEnabled ?? [])).map(({ id, name }) => ({
      id,
      name,
    })),
  };
  const profileName = PROFILE_NAMES[plan.profile];
  return {
    kind: ONBOARD_RUN_KIND,
    title: `Onboard ${describeCollections(plan.collections)} for ${profileName} policy`,
    ...requester,
    resources: [TENANT_ATTACH_RESOURCE, ...plan.collections.map((collection) => collectionResource(collection.id))],
    steps: [
      { kind: PREREQUISITES_STEP_KIND, title: `${profileName} policy prerequisites`, input: prerequisitesInput },
      { kind: STEP_KINDS.tenantAttach, title: 'Turn on tenant attach', input: attachInput },
      ...plan.collections.flatMap((collection) => {
        const input: CollectionInput = { collectionId: collection.id, collectionName: collection.name };
        return [
          { kind: STEP_KINDS.uploadScope, title: `Upload scope takes in ${collection.name}`, input },
          {
            kind: STEP_KINDS.enableCollection,
            title: `Cloud Sync: enable ${collection.name} for endpoint security`,
            input,
          },
        ];
      }),
      { kind: HAND_OVER_STEP_KIND, title: 'Hand over to policy create', input: handOverInput },
    ],
  };
}

function describeCollections(collections: OnboardPlan['collections']): string {
  if (collections.length === 0) return 'the tenant attached hierarchy';
  if (collections.length <= 2) return collections.map((collection) => collection.name).join(' and ');
  return `${collections.length} collections`;
}
