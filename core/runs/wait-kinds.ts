import type { StepRecord } from './run-record.js';
import type { WaitKind } from './wait-kind.js';
import type { WaitStart } from './wait-start.js';

/** The registered wait kinds (wait-kind.ts), looked up by the kind stored on a waiting step. */
export class WaitKinds {
  private readonly kinds: ReadonlyMap<string, WaitKind>;

  constructor(kinds: readonly WaitKind[]) {
    this.kinds = new Map(kinds.map((kind) => [kind.kind, kind]));
  }

  get(kind: string): WaitKind {
    const found = this.kinds.get(kind);
    if (!found) throw new Error(`no wait kind ${kind} is registered`);
    return found;
  }

  /** The first kind that waits out an error a step's write threw. */
  claim(error: unknown, step: StepRecord, now: Date): { kind: string; start: WaitStart<unknown> } | undefined {
    for (const kind of this.kinds.values()) {
      const start = kind.startsFrom?.(error, step, now);
      if (start) return { kind: kind.kind, start };
    }
    return undefined;
  }
}
