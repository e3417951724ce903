/** OData string literal: quotes doubled. */
export function odataLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
