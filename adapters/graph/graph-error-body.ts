import { z } from 'zod';

const odataErrorSchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z
      .object({ 'request-id': z.string().optional(), 'client-request-id': z.string().optional() })
      .optional(),
  }),
});

const intuneNestedMessageSchema = z.object({ Message: z.string() });

export interface ServiceErrorFacts {
  readonly serviceCode?: string;
  readonly serviceMessage?: string;
  readonly activityId?: string;
  readonly requestId?: string;
}

/**
 * Reads the OData error body. Intune often nests a JSON document in `message` (graph-intune.md §7.4);
 * its `Message` is what a person should read, and it names the Activity ID support asks for.
 */
export function parseServiceError(body: unknown): ServiceErrorFacts {
  const parsed = odataErrorSchema.safeParse(body);
  if (!parsed.success) return {};
  const { code, message, innerError } = parsed.data.error;
  const readable = message === undefined ? undefined : unwrapIntuneMessage(message);
  return {
    ...(code === undefined ? {} : { serviceCode: code }),
    ...(readable === undefined ? {} : { serviceMessage: readable }),
    ...activityIdOf(readable),
    ...(innerError?.['request-id'] === undefined ? {} : { requestId: innerError['request-id'] }),
  };
}

function unwrapIntuneMessage(message: string): string {
  const nested = parseJson(message);
  const intune = intuneNestedMessageSchema.safeParse(nested);
  return intune.success ? intune.data.Message : message;
}

function activityIdOf(message: string | undefined): { activityId?: string } {
  const match = message?.match(/Activity ID:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i);
  return match?.[1] === undefined ? {} : { activityId: match[1] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
