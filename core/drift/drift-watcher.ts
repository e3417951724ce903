import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { PolicyDriftReads } from '../ports/policy-drift-reads.js';
import { type Baseline, fingerprintOf, sameFingerprint } from './baseline.js';
import type { BaselineStore } from './baseline-store.js';
import { normalisePolicy } from './normalise-policy.js';
import { type DriftItem, policyDrift } from './policy-drift.js';

/** A watched policy that no longer matches its baseline. */
export interface DriftFinding {
  readonly baseline: Baseline;
  readonly items: readonly DriftItem[];
  /** The policy as read now (normalised); absent when it was deleted. */
  readonly seenAt: string;
}

export interface DriftCycleReport {
  readonly watched: number;
  /** Policies whose cheap look differed from the last one, read in full. */
  readonly readInFull: number;
  readonly findings: readonly DriftFinding[];
  /** Policies that match their baseline. */
  readonly quiet: readonly string[];
  /** Policies the cheap look could not read (throttled past the retry budget, forbidden): looked at next cycle. */
  readonly unreadable: readonly string[];
  /** Policies a run of the bot's own is changing (policies-in-flight.ts): not looked at this cycle. */
  readonly inFlight: number;
}

export interface DriftWatcherOptions {
  readonly baselines: BaselineStore;
  readonly reads: PolicyDriftReads;
  readonly clock: Clock;
  readonly log: Logger;
  /** The policies the bot's own runs are changing now; none when absent. */
  readonly inFlight?: () => Promise<ReadonlySet<string>>;
}

/**
 * One cycle of the drift watch at the round-trip floor: one cheap look at every watched policy (the reads port sends
 * them in $batch calls of 20), and a full read only of a policy whose look differs from the last quiet one. A full
 * read that normalises equal to the baseline is noise (core/drift/normalise-policy.ts): its look is remembered, so the
 * next cycle is cheap again.
 */
export class DriftWatcher {
  constructor(private readonly options: DriftWatcherOptions) {}

  async cycle(): Promise<DriftCycleReport> {
    const { baselines, reads, clock } = this.options;
    const all = await baselines.list();
    if (all.length === 0) return { watched: 0, readInFull: 0, findings: [], quiet: [], unreadable: [], inFlight: 0 };
    const busy = (await this.options.inFlight?.()) ?? new Set<string>();
    const watched = all.filter((baseline) => !busy.has(baseline.policyId.toLowerCase()));
    const looks = watched.length === 0 ? new Map() : await reads.probe(watched.map((baseline) => baseline.policyId));
    const findings: DriftFinding[] = [];
    const unreadable: string[] = [];
    const quiet: string[] = [];
    let readInFull = 0;
    for (const baseline of watched) {
      const look = looks.get(baseline.policyId);
      const seenAt = clock.now().toISOString();
      if (look === undefined || look.kind === 'unreadable') {
        unreadable.push(baseline.policyId);
        continue;
      }
      if (look.kind === 'gone') {
        findings.push({ baseline, items: policyDrift(baseline.state, undefined), seenAt });
        continue;
      }
      const fingerprint = fingerprintOf(look.probe);
      if (sameFingerprint(baseline.fingerprint, fingerprint)) {
        quiet.push(baseline.policyId);
        continue;
      }
      readInFull += 1;
      const state = await reads.read(baseline.policyId);
      const items = policyDrift(
        baseline.state,
        state === undefined ? undefined : normalisePolicy(state.policy, state.assignments),
      );
      if (items.length > 0) findings.push({ baseline, items, seenAt });
      else {
        quiet.push(baseline.policyId);
        await baselines.rememberFingerprint(baseline.policyId, baseline.recordedAt, fingerprint);
      }
    }
    if (unreadable.length > 0) this.options.log.warn({ unreadable: unreadable.length }, 'drift watch could not look');
    return { watched: all.length, readInFull, findings, quiet, unreadable, inFlight: all.length - watched.length };
  }
}
