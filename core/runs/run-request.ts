import type { Actor } from '../actor.js';
import type { RunRecord } from './run-record.js';

export interface RunRequest {
  readonly kind: string;
  readonly title: string;
  readonly requestedBy: Actor;
  readonly conversationId: string;
  /** Collections and policies the run works on; two live runs never share one. */
  readonly resources: readonly string[];
  readonly steps: readonly { readonly kind: string; readonly title: string; readonly input: Record<string, unknown> }[];
  /** A run this one replaces: its resource locks pass to the new run. */
  readonly replacesRun?: string;
}

/** Told after every change of a run, so the progress card can follow. */
export interface RunObserver {
  runChanged(run: RunRecord): void;
}
