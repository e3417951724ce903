import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toPrerequisitesView } from '../../cards/views/prerequisites-view.js';
import { COLLECTION_ID_PATTERN } from '../../core/identity/collection-id.js';
import { PROFILE_IDS } from '../../core/policy/catalog/index.js';
import { checkPrerequisites } from '../../core/prerequisites/check-prerequisites.js';
import type { Profile } from '../../core/prerequisites/rule-result.js';
import type { CommandContext } from '../context/command-context.js';
import { requireTenant } from '../context/require-tenant.js';

/** `all` (EDR and Antivirus, what onboarding prepares) or any profile of the catalog. */
export const profileSchema = z.enum(['all', ...PROFILE_IDS] as [string, ...string[]]);
/** A ConfigMgr CollectionID, e.g. PS100042 or SMSDM003 (core/identity/collection-id.ts). */
export const collectionIdSchema = z
  .string()
  .regex(COLLECTION_ID_PATTERN, 'is not a ConfigMgr collection ID (like PS100042)')
  .transform((id) => id.toUpperCase());

/** The prerequisite report card for the person who asked; `check` and its Check again button both answer with it. */
export async function prerequisitesCard(
  profile: Profile,
  collection: string | undefined,
  context: CommandContext,
): Promise<AdaptiveCard> {
  const now = context.services.clock.now();
  const report = await checkPrerequisites(requireTenant(context.services), {
    profile,
    purpose: 'report',
    requester: {
      name: context.actor.name,
      ...(context.actor.aadObjectId === undefined ? {} : { aadObjectId: context.actor.aadObjectId }),
    },
    now,
    targetCollectionIds: collection === undefined ? [] : [collection],
  });
  return renderCard('prerequisites', toPrerequisitesView(report, now));
}
