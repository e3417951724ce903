import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import type { CollectionSummary } from '../../core/ports/configmgr-gateway.js';
import type { TenantServices } from '../../core/tenant-services.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import { ambiguousCollectionNotice } from '../../core/workflow/ambiguous-collection.js';
import { onboardRunRequest, type OnboardPlan } from '../../core/workflow/onboard-request.js';
import { gatewayProblem, toUserFacingError } from '../../core/workflow/problems.js';
import { requireDeviceCollection, resolveCollection } from '../../core/workflow/resolve-collection.js';
import { readSyncedCollections } from '../../core/workflow/synced-collections.js';
import { defineCommand } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

/** One onboard run holds a lock per collection and guides each in the console; more belong in several runs. */
export const MAX_ONBOARD_COLLECTIONS = 10;
/** Without --collections on an attached hierarchy, the hand-over names at most this many already enabled. */
const MAX_HANDED_OVER = 5;

const collectionListSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .transform((text) => [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    ),
  ])
  .refine((list) => list.length > 0, 'names no collection')
  .refine((list) => list.length <= MAX_ONBOARD_COLLECTIONS, `names more than ${MAX_ONBOARD_COLLECTIONS} collections`);

export const onboardCommand = defineCommand({
  name: 'onboard',
  summary:
    'One run from nothing to ready for policy: prerequisites, tenant attach, then upload scope and Cloud Sync per collection (EDR by default).',
  usage: 'onboard [edr|antivirus] [--collections <id or exact name>,...]',
  examples: ['onboard edr --collections PS100042', 'onboard antivirus --collections PS100015,PS100042', 'onboard'],
  positionals: ['profile'],
  role: 'operator',
  args: z.object({
    profile: z.enum(['edr', 'antivirus']).default('edr'),
    collections: collectionListSchema.optional(),
  }),
  changesTenant: false,
  async run({ profile, collections }, context) {
    const tenant = requireTenant(context.services);
    const planned =
      collections === undefined
        ? await alreadyEnabledPlan(tenant, profile)
        : await namedPlan(tenant, profile, collections);
    if (planned.kind === 'ambiguous') return planned.card;
    const run = await context.services.runs.start(
      onboardRunRequest(planned.plan, { requestedBy: context.actor, conversationId: context.conversation.id }),
    );
    return renderCard('notice', {
      title: `Started run ${run.id}: ${run.title}`,
      message: `I check the ${profile === 'edr' ? 'EDR' : 'Antivirus'} policy prerequisites, then tenant attach and each collection, showing the console steps where a person is needed. Follow the progress card here, or type run ${run.id}.`,
    });
  },
});

type Planned =
  { readonly kind: 'plan'; readonly plan: OnboardPlan } | { readonly kind: 'ambiguous'; readonly card: AdaptiveCard };

async function namedPlan(
  tenant: TenantServices,
  profile: OnboardPlan['profile'],
  typed: readonly string[],
): Promise<Planned> {
  const found = new Map<string, CollectionSummary>();
  for (const text of typed) {
    const resolution = await resolveCollection(tenant.configMgr, text);
    if (resolution.kind === 'ambiguous') {
      return {
        kind: 'ambiguous',
        card: renderCard(
          'notice',
          ambiguousCollectionNotice(resolution.name, resolution.matches, 'onboard --collections'),
        ),
      };
    }
    const collection = requireDeviceCollection(resolution.collection);
    found.set(collection.id.toUpperCase(), collection);
  }
  return { kind: 'plan', plan: { profile, collections: [...found.values()] } };
}

async function alreadyEnabledPlan(tenant: TenantServices, profile: OnboardPlan['profile']): Promise<Planned> {
  const state = await tenant.configMgr.getTenantAttachState();
  if (!state.ok) throw toUserFacingError(gatewayProblem(state.error, 'read the tenant attach state'));
  if (state.value.attached !== true) throw collectionsNeeded(profile, 'The hierarchy is not tenant attached yet');
  const synced = await readSyncedCollections(tenant.intuneCollections, (items) => items.length >= MAX_HANDED_OVER, 1);
  if (synced.items.length === 0)
    throw collectionsNeeded(profile, 'No collection is enabled for endpoint security policies yet');
  const alreadyEnabled = synced.items
    .slice(0, MAX_HANDED_OVER)
    .map((item) => ({ id: item.collectionId, name: item.displayName }));
  return { kind: 'plan', plan: { profile, collections: [], alreadyEnabled } };
}

function collectionsNeeded(profile: string, reason: string): UserFacingError {
  return new UserFacingError(
    'Which collections?',
    `${reason}, so onboard needs the device collections whose devices should get the policy.`,
    `Type onboard ${profile} --collections <ID>,<ID> (type collections to list the IDs), e.g. onboard ${profile} --collections PS100042.`,
  );
}
