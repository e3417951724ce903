/** `PILOT-*` style patterns: `*` is any run of characters, matched case-insensitively against the whole name. */
export function matchesPattern(pattern: string, value: string): boolean {
  const escaped = pattern
    .trim()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(value.trim());
}

/** A target is in scope when any of its names (id, display name) matches any pattern. */
export function inScope(patterns: readonly string[], aliases: readonly string[]): boolean {
  return patterns.some((pattern) => aliases.some((alias) => matchesPattern(pattern, alias)));
}
