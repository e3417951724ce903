/**
 * GUESS (neither graph-intune.md nor configmgr-adminservice.md gives a limit): an `or` filter over many ids is split so
 * no query carries more than 15 clauses (the Graph directory limit on `or`/`in` clauses) and no `$filter` value is longer
 * than 1,500 characters once encoded (IIS's default maxQueryString is 2,048). Correct both here if a service says less.
 */
export const MAX_FILTER_CLAUSES = 15;
export const MAX_FILTER_ENCODED_LENGTH = 1500;

/** `clauses` joined with ` or ` into as few filters as the limits allow, in order. */
export function orFilters(clauses: readonly string[]): string[] {
  const filters: string[] = [];
  let current: string[] = [];
  const encodedLength = (parts: readonly string[]): number => encodeURIComponent(parts.join(' or ')).length;
  for (const clause of clauses) {
    const candidate = [...current, clause];
    if (
      current.length > 0 &&
      (candidate.length > MAX_FILTER_CLAUSES || encodedLength(candidate) > MAX_FILTER_ENCODED_LENGTH)
    ) {
      filters.push(current.join(' or '));
      current = [clause];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) filters.push(current.join(' or '));
  return filters;
}
