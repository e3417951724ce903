/** The HTTP status of a failed @azure/storage-blob call (a RestError), if it has one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') {
    return error.statusCode;
  }
  return undefined;
}

/** 412 ConditionNotMet (If-Match) or 409 BlobAlreadyExists (If-None-Match: *): someone else wrote first. */
export function isConditionFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status === 412 || status === 409;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}
