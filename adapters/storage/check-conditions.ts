import { type DeleteOptions, ETagConflictError, type PutOptions } from '../../core/ports/storage.js';

/** Throws ETagConflictError unless the stored eTag (undefined when the key is absent) satisfies the options. */
export function assertConditionsHold(
  key: string,
  storedETag: string | undefined,
  options: PutOptions | DeleteOptions | undefined,
): void {
  if (options === undefined) {
    return;
  }
  if (options.ifMatch !== undefined && options.ifMatch !== storedETag) {
    throw new ETagConflictError(key);
  }
  if ('ifNoneMatch' in options && options.ifNoneMatch === '*' && storedETag !== undefined) {
    throw new ETagConflictError(key);
  }
}

export function hasConditions(options: PutOptions | DeleteOptions | undefined): boolean {
  if (options === undefined) {
    return false;
  }
  const ifNoneMatch = 'ifNoneMatch' in options ? options.ifNoneMatch : undefined;
  return options.ifMatch !== undefined || ifNoneMatch !== undefined;
}
