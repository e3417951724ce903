import { isObjectId } from '../access/principal-grant.js';

/**
 * Azure AD object and tenant ids in the one form the bot keeps: trimmed and lower-case. Anything that is not an
 * object id (empty, a UPN, a number, an injection attempt) is no id at all. The edge (bot/) applies this once.
 */
export function normalizeObjectId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().toLowerCase();
  return isObjectId(trimmed) ? trimmed : undefined;
}

/**
 * Whether two ids name the same object, compared case-insensitively (GUIDs have no case), so records stored before
 * ids were normalised at the edge still compare correctly. A missing or empty id matches nothing.
 */
export function sameObjectId(a: string | undefined, b: string | undefined): boolean {
  const left = a?.trim().toLowerCase();
  return left !== undefined && left !== '' && left === b?.trim().toLowerCase();
}
