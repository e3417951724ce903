import { ok, type Result } from '../../core/errors/gateway-error.js';

/** One answer of a count read: the rows it held, and whether the server stopped short of `top` (an `@odata.nextLink`). */
export interface WindowRead {
  readonly rows: number;
  readonly cutShort: boolean;
}

/** Reads the rows of a list at `skip` and after, at most `top` of them, in one request (ids only, so it stays small). */
export type CountWindow = (skip: number, top: number) => Promise<Result<WindowRead>>;

/**
 * Rows asked for per read. A GUESS: the AdminService's own page limit is not documented (configmgr-adminservice.md §2,
 * [U]); the sandbox answers at most 1000 rows per response (sandbox/README.md). A server that answers fewer sets the
 * window for the rest of the count (the first read tells), so a lower limit costs rounds, not a read per page.
 */
export const COUNT_WINDOW = 1000;
/**
 * Where the first round looks beyond the first window: ×4 apart, up to 16,000 rows. Two probes, so the first round is
 * three reads: the collections page's own first round is five AdminService reads (tenant attach state and the page),
 * and together they fill the connection pool (ADMINSERVICE_MAX_CONNECTIONS = 8) without queueing a round.
 */
const GALLOP_POINTS = [4, 16].map((factor) => factor * COUNT_WINDOW);
/** Reads in flight in each later round, when the page's first round is over and its second needs two connections. */
const PARALLEL_READS = 4;

/**
 * Counts a list the AdminService can only page (`$top`/`$skip`; `$count` is not documented, configmgr-adminservice.md
 * §2) in a few parallel rounds instead of one request per page in sequence: the first window together with probes of
 * one row further out; then, while no upper bound is known, probes ×4, ×16, ×64 and ×256 beyond the last row seen;
 * then either the windows between the bounds read together, or probes that narrow the bounds. 10,015 collections
 * take three rounds (10 reads); a hierarchy under 1,000, one round of three reads.
 */
export async function countByProbing(read: CountWindow): Promise<Result<number>> {
  const [first, ...gallop] = await Promise.all([
    read(0, COUNT_WINDOW),
    ...GALLOP_POINTS.map((point) => read(point, 1)),
  ]);
  if (!first?.ok) return first ?? ok(0);
  if (!first.value.cutShort && first.value.rows < COUNT_WINDOW) return ok(first.value.rows);
  const window = first.value.cutShort ? Math.max(1, first.value.rows) : COUNT_WINDOW;
  const bounds: Bounds = { atLeast: first.value.rows, atMost: Number.POSITIVE_INFINITY };
  const narrowed = narrow(bounds, GALLOP_POINTS, gallop);
  if (!narrowed.ok) return narrowed;
  for (;;) {
    const windows = Math.ceil((bounds.atMost - bounds.atLeast) / window);
    if (windows <= PARALLEL_READS) return sumOfWindows(read, bounds.atLeast, windows, window);
    const points = probePoints(bounds);
    const probed = narrow(bounds, points, await Promise.all(points.map((point) => read(point, 1))));
    if (!probed.ok) return probed;
  }
}

interface Bounds {
  /** Rows known to exist. */
  atLeast: number;
  /** Rows there can be at most (infinite until a probe found nothing). */
  atMost: number;
}

/** Unbounded: ×4 steps beyond the rows seen; bounded: points splitting the range into PARALLEL_READS + 1 parts. */
function probePoints({ atLeast, atMost }: Bounds): number[] {
  if (atMost === Number.POSITIVE_INFINITY)
    return Array.from({ length: PARALLEL_READS }, (_, index) => Math.max(atLeast, 1) * 4 ** (index + 1));
  const step = Math.ceil((atMost - atLeast) / (PARALLEL_READS + 1));
  return Array.from({ length: PARALLEL_READS }, (_, index) => atLeast + step * (index + 1) - 1);
}

/** A probe finding a row at `point` means more than `point` rows; finding none, at most `point`. */
function narrow(bounds: Bounds, points: readonly number[], probes: readonly Result<WindowRead>[]): Result<void> {
  for (const [index, probe] of probes.entries()) {
    if (!probe.ok) return probe;
    const point = points[index] ?? 0;
    if (probe.value.rows > 0) bounds.atLeast = Math.max(bounds.atLeast, point + 1);
    else bounds.atMost = Math.min(bounds.atMost, point);
  }
  return ok(undefined);
}

/** The total when every row past `from` lies within `windows` windows: `from` plus what each window holds. */
async function sumOfWindows(read: CountWindow, from: number, windows: number, window: number): Promise<Result<number>> {
  const counts = await Promise.all(
    Array.from({ length: Math.max(windows, 1) }, (_, index) => readWhole(read, from + index * window, window)),
  );
  let total = from;
  for (const count of counts) {
    if (!count.ok) return count;
    total += count.value;
  }
  return ok(total);
}

/** A window's rows, read on if the server stops short of it after all (its page limit is not known to be fixed). */
async function readWhole(read: CountWindow, skip: number, top: number): Promise<Result<number>> {
  let rows = 0;
  for (;;) {
    const answer = await read(skip + rows, top - rows);
    if (!answer.ok) return answer;
    rows += answer.value.rows;
    if (!answer.value.cutShort || answer.value.rows === 0 || rows >= top) return ok(rows);
  }
}
