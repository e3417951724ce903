import type { Clock } from '../../core/ports/clock.js';

/** Time that moves only when told to, or when someone sleeps. */
export class FakeClock implements Clock {
  private current: number;
  sleeps: number[] = [];
  private readonly duringSleeps: (() => void)[] = [];

  constructor(start = Date.parse('2026-11-23T09:00:00Z')) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
    this.duringSleeps.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Makes `change` happen while the next sleeper waits: the world moves on between two polls, deterministically. */
  duringNextSleep(change: () => void): void {
    this.duringSleeps.push(change);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
