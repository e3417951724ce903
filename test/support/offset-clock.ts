import type { Clock } from '../../core/ports/clock.js';
import { systemClock } from '../../core/ports/clock.js';

/** Real time that a test can move forward at once, for e2e tests that must see a cache or a deadline expire. */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(systemClock.now().getTime() + this.offsetMs);
  }

  sleep(ms: number): Promise<void> {
    return systemClock.sleep(ms);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
