/** Checked before any id reaches a URL or filter (the rule and why it is a guess: core/identity/collection-id.ts). */
export { isCollectionId } from '../../core/identity/collection-id.js';

/** OData string literal: quotes doubled. */
export function odataLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
