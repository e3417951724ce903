import { z } from 'zod';

/** Endpoint detection and response settings a user may choose; onboarding always comes from the connector. */
export const edrSettingsSchema = z
  .object({
    sampleSharing: z.enum(['all', 'none']).optional(),
    telemetry: z.enum(['normal', 'expedited']).optional(),
  })
  .strict();

/** An absent field means "not configured". */
export type EdrSettings = z.infer<typeof edrSettingsSchema>;
