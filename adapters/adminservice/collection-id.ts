/** `<SiteCode><5 hex>`, e.g. PS100042 (configmgr-adminservice.md §6). Checked before any id reaches a URL or filter. */
const COLLECTION_ID = /^[A-Z0-9]{3}[0-9A-F]{5}$/;

export function isCollectionId(value: string): boolean {
  return COLLECTION_ID.test(value);
}

/** OData string literal: quotes doubled. */
export function odataLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
