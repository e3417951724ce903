import { z } from 'zod';

export const STEP_KINDS = {
  tenantAttach: 'tenant-attach',
  uploadScope: 'upload-scope',
  enableCollection: 'enable-collection',
} as const;

const collectionRef = z.object({ id: z.string(), name: z.string() });

export const tenantAttachInputSchema = z.object({
  scope: z.union([z.object({ kind: z.literal('all') }), collectionRef.extend({ kind: z.literal('collection') })]),
});
export type TenantAttachInput = z.infer<typeof tenantAttachInputSchema>;

export const collectionInputSchema = z.object({ collectionId: z.string(), collectionName: z.string() });
export type CollectionInput = z.infer<typeof collectionInputSchema>;

/** A step's input comes back from storage as JSON; a malformed one is a bug, so it throws. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, kind: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(`malformed ${kind} step input: ${parsed.error.message}`);
  return parsed.data;
}
