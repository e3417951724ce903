import type { ContainerClient } from '@azure/storage-blob';
import type { StoreTime } from '../../core/leases/store-time.js';

/**
 * How long one reading of the service's time is extrapolated on this host's monotonic clock before it is read again.
 * Drift over this long is microseconds; the Date header's whole-second resolution dominates the uncertainty.
 */
const RESYNC_MS = 10_000;
/** The Date header (RFC 1123) has whole seconds: the service's true time was up to this much later when it stamped it. */
const DATE_RESOLUTION_MS = 1_000;

interface Reading {
  readonly serviceMs: number;
  readonly receivedAt: number;
  readonly roundTripMs: number;
}

/**
 * The Blob service's time, from the Date header of a container properties read, extrapolated with this host's
 * monotonic clock (`performance.now`, which no wall-clock change moves). Never later than the service's true time:
 * the header was stamped after the request left and is truncated to the second.
 */
export function blobServiceTime(
  container: ContainerClient,
  monotonic: () => number = () => performance.now(),
): StoreTime {
  let last: Reading | undefined;
  let reading: Promise<Reading> | undefined;
  const read = async (): Promise<Reading> => {
    const sentAt = monotonic();
    const response = await container.getProperties();
    const receivedAt = monotonic();
    if (!(response.date instanceof Date) || Number.isNaN(response.date.getTime())) {
      throw new Error('the Blob service answered without a Date header; lease expiry needs the service time');
    }
    return { serviceMs: response.date.getTime(), receivedAt, roundTripMs: receivedAt - sentAt };
  };
  return {
    async now() {
      if (last === undefined || monotonic() - last.receivedAt > RESYNC_MS) {
        reading ??= read().finally(() => {
          reading = undefined;
        });
        last = await reading;
      }
      return last.serviceMs + (monotonic() - last.receivedAt);
    },
    get uncertaintyMs() {
      return DATE_RESOLUTION_MS + Math.ceil(last?.roundTripMs ?? 0);
    },
  };
}
