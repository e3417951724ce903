import { z } from 'zod';
import { PROFILE_IDS } from '../policy/catalog/index.js';
import { settingsSchema } from '../policy/policy-draft.js';

/**
 * What `policy create` asks for, as stored in a change plan and planned again at approval time. `description` and
 * `scopeTags` left out mean "as the existing policy has them" (or empty/default for a new one); settings left out
 * mean "not configured". Settings are keyed by the catalog's flag keys (core/policy/catalog), as before the catalog.
 */
export const policyCreateIntentSchema = z.object({
  profile: z.enum(PROFILE_IDS as [string, ...string[]]),
  target: z.enum(['intune', 'configmgr']),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(1000).optional(),
  /** Scope tag names or ids as typed; resolved through listScopeTags when planning. */
  scopeTags: z.array(z.string().trim().min(1)).optional(),
  settings: settingsSchema,
});

export type PolicyCreateIntent = z.infer<typeof policyCreateIntentSchema>;
