/** Simulated time: real time plus an offset that only the control API moves forward. */
export class SimClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.nowMs()).toISOString();
  }

  advance(seconds: number): void {
    this.offsetMs += Math.max(0, seconds) * 1000;
  }

  offsetSeconds(): number {
    return this.offsetMs / 1000;
  }
}
