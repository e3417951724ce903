import { ok, type Result } from '../../core/errors/gateway-error.js';

/** How many rows of a list lie at `skip` and after, reading at most `top` (ids only, so a read stays small). */
export type CountWindow = (skip: number, top: number) => Promise<Result<number>>;

/**
 * Rows per read. A GUESS: the AdminService's own page limit is not documented (configmgr-adminservice.md §2, [U]); the
 * sandbox answers at most 1000 rows per response (sandbox/README.md), and a larger `$top` would be cut to a page.
 */
export const COUNT_WINDOW = 1000;
/** Where the first round looks beyond the first window: ×4 apart, up to 64,000 rows (further out, one probe a round). */
const GALLOP_POINTS = [4, 16, 64].map((factor) => factor * COUNT_WINDOW);
/**
 * Reads in flight per round. The collections page reads the AdminService at the same time, and the connection pool
 * holds 8 (ADMINSERVICE_MAX_CONNECTIONS): more would queue and cost a round trip instead of saving one.
 */
const PARALLEL_READS = 4;

/**
 * Counts a list the AdminService can only page (`$top`/`$skip`; `$count` is not documented, configmgr-adminservice.md
 * §2) in a few parallel rounds instead of one request per page in sequence: the first window together with probes of
 * one row far out; then, when the total is not known yet, either the windows between the bounds read together, or
 * probes that narrow the bounds. 10,015 collections take three rounds (11 reads); a hierarchy under 1,000, one round
 * of four reads.
 */
export async function countByProbing(read: CountWindow): Promise<Result<number>> {
  const [first, ...gallop] = await Promise.all([
    read(0, COUNT_WINDOW),
    ...GALLOP_POINTS.map((point) => read(point, 1)),
  ]);
  if (!first?.ok) return first ?? ok(0);
  if (first.value < COUNT_WINDOW) return ok(first.value);
  let atLeast = COUNT_WINDOW;
  let atMost = Number.POSITIVE_INFINITY;
  for (const [index, probe] of gallop.entries()) {
    if (!probe.ok) return probe;
    const point = GALLOP_POINTS[index] ?? 0;
    if (probe.value > 0) atLeast = Math.max(atLeast, point + 1);
    else atMost = Math.min(atMost, point);
  }
  for (;;) {
    if (atMost === Number.POSITIVE_INFINITY) {
      const probe = await read(atLeast * 4, 1);
      if (!probe.ok) return probe;
      if (probe.value > 0) atLeast = atLeast * 4 + 1;
      else atMost = atLeast * 4;
      continue;
    }
    const windows = Math.ceil((atMost - atLeast) / COUNT_WINDOW);
    if (windows <= PARALLEL_READS) return sumOfWindows(read, atLeast, windows);
    const step = Math.ceil((atMost - atLeast) / (PARALLEL_READS + 1));
    const points = Array.from({ length: PARALLEL_READS }, (_, index) => atLeast + step * (index + 1) - 1);
    const probes = await Promise.all(points.map((point) => read(point, 1)));
    for (const [index, probe] of probes.entries()) {
      if (!probe.ok) return probe;
      const point = points[index] ?? 0;
      if (probe.value > 0) atLeast = Math.max(atLeast, point + 1);
      else atMost = Math.min(atMost, point);
    }
  }
}

/** The total when every row past `from` lies within `windows` windows: `from` plus what each window holds. */
async function sumOfWindows(read: CountWindow, from: number, windows: number): Promise<Result<number>> {
  const counts = await Promise.all(
    Array.from({ length: Math.max(windows, 1) }, (_, index) => read(from + index * COUNT_WINDOW, COUNT_WINDOW)),
  );
  let total = from;
  for (const count of counts) {
    if (!count.ok) return count;
    total += count.value;
  }
  return ok(total);
}
