import { z } from 'zod';

/** A `$batch` answer: one response per item, in any order, each with its own status and headers (graph-intune.md §7.2). */
export const batchReplySchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export type BatchItemReply = z.infer<typeof batchReplySchema>['responses'][number];

/** An item's header by name, whatever its case (Graph writes `Retry-After`, proxies may not). */
export function itemHeader(item: BatchItemReply, name: string): string | undefined {
  return Object.entries(item.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}
