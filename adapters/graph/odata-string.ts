/** Quotes inside OData string literals are doubled. */
export function odataString(value: string): string {
  return value.replaceAll("'", "''");
}
