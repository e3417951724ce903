import { z } from 'zod';

/**
 * Azure Blob error codes that mean "another writer won" (toolchain.md §4, "Conflict codes, not statuses"): a create with
 * If-None-Match: * meets 409 BlobAlreadyExists, a stale If-Match meets 412 ConditionNotMet. Every other 409/412
 * (BlobImmutableDueToPolicy, a legal hold, LeaseIdMissing, LeaseIdMismatchWithBlobOperation…) is a real failure.
 */
export const LOST_RACE_CODES: ReadonlySet<string> = new Set(['BlobAlreadyExists', 'ConditionNotMet']);

const restErrorSchema = z.object({
  statusCode: z.number().optional(),
  code: z.string().optional(),
  details: z.object({ errorCode: z.string().optional() }).optional().catch(undefined),
});

/** The HTTP status of a failed @azure/storage-blob call (a RestError), if it has one. */
export function statusOf(error: unknown): number | undefined {
  return restErrorSchema.safeParse(error).data?.statusCode;
}

/** The service's error code (`x-ms-error-code`, which the SDK copies to `code` and `details.errorCode`), if any. */
export function errorCodeOf(error: unknown): string | undefined {
  const parsed = restErrorSchema.safeParse(error).data;
  return parsed?.details?.errorCode ?? headerCodeOf(error) ?? parsed?.code;
}

function headerCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const { response } = error;
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const { headers } = response;
  if (typeof headers !== 'object' || headers === null || !('get' in headers) || typeof headers.get !== 'function')
    return undefined;
  const code: unknown = headers.get('x-ms-error-code');
  return typeof code === 'string' ? code : undefined;
}

/** 409 BlobAlreadyExists or 412 ConditionNotMet: a condition of ours did not hold because someone else wrote first. */
export function isLostRace(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 409 && status !== 412) return false;
  const code = errorCodeOf(error);
  return code !== undefined && LOST_RACE_CODES.has(code);
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}
