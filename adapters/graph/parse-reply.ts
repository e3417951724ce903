import type { z } from 'zod';
import { UpstreamResponseInvalid } from '../../core/errors/upstream-error.js';
import type { GraphReply } from './graph-call.js';

/** Zod-parses a successful reply body; a shape we do not understand is a domain error, never a crash later. */
export function parseReply<S extends z.ZodType>(
  schema: S,
  reply: Pick<GraphReply, 'body' | 'requestId' | 'clientRequestId'>,
  operation: string,
): z.infer<S> {
  const parsed = schema.safeParse(reply.body);
  if (parsed.success) return parsed.data;
  throw new UpstreamResponseInvalid(
    {
      upstream: 'graph',
      operation,
      clientRequestId: reply.clientRequestId,
      ...(reply.requestId === undefined ? {} : { requestId: reply.requestId }),
    },
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '),
  );
}

/** Parses each list item; one malformed item fails the call with a domain error naming the operation. */
export function parseItems<S extends z.ZodType>(schema: S, items: readonly unknown[], operation: string): z.infer<S>[] {
  return items.map((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data;
    throw new UpstreamResponseInvalid(
      { upstream: 'graph', operation },
      `item ${index}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  });
}
