import { z } from 'zod';
import { configMgrAntivirusSettingsSchema } from '../policy/antivirus-settings.js';
import { edrSettingsSchema } from '../policy/edr-settings.js';

/**
 * What `policy create` asks for, as stored in a change plan and planned again at approval time. `description` and
 * `scopeTags` left out mean "as the existing policy has them" (or empty/default for a new one); settings left out
 * mean "not configured".
 */
export const policyCreateIntentSchema = z.object({
  profile: z.enum(['edr', 'antivirus']),
  target: z.enum(['intune', 'configmgr']),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(1000).optional(),
  /** Scope tag names or ids as typed; resolved through listScopeTags when planning. */
  scopeTags: z.array(z.string().trim().min(1)).optional(),
  settings: edrSettingsSchema.or(configMgrAntivirusSettingsSchema),
});

export type PolicyCreateIntent = z.infer<typeof policyCreateIntentSchema>;
