/**
 * A ConfigMgr collection id, typed in any case: eight letters and digits. A GUESS kept here only: the reference gives
 * `<SiteCode><5 hex>` (configmgr-adminservice.md §6, [I]), but built-in collections break it (`SMSDM003` All Desktop and
 * Server Clients, `SMS000US` All Unknown Computers), so the hex rule would refuse real ids. Letters and digits only, so
 * nothing else can reach a URL or an OData filter.
 */
export const COLLECTION_ID_PATTERN = /^[A-Z0-9]{8}$/i;

/** An id as it is passed on once normalised at the edge: upper case (an id in another case here is a bug upstream). */
export function isNormalizedCollectionId(value: string): boolean {
  return COLLECTION_ID_PATTERN.test(value) && value === value.toUpperCase();
}
