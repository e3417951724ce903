/** Orders keys by UTF-16 code units, the same on every platform and locale. */
export function compareKeys(left: string, right: string): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}
