import type { Actor } from '../actor.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Logger } from '../ports/logger.js';
import type { IntuneChange, IntuneChangesRead, PolicyDriftReads } from '../ports/policy-drift-reads.js';
import type { DriftEpisodes, EpisodeChange } from './drift-episodes.js';
import type { DriftCycleReport, DriftFinding, DriftWatcher } from './drift-watcher.js';

/** Who the watch's own audit entries are from. */
export const DRIFT_WATCH_ACTOR: Actor = { channelUserId: 'attachops-drift', name: 'AttachOps drift watch' };

/** Shows an episode where the team works (the drift card in DRIFT_CHANNEL); told once per opened or updated episode. */
export interface DriftNotifier {
  show(change: EpisodeChange, finding: DriftFinding, who: WhoChanged): Promise<void>;
}

/** Who changed the policy and when, from Intune's audit log; or why that cannot be said. */
export type WhoChanged =
  | { readonly kind: 'known'; readonly changes: readonly IntuneChange[] }
  | { readonly kind: 'not-permitted' }
  | { readonly kind: 'unknown'; readonly reason: string };

function whoChanged(read: IntuneChangesRead, finding: DriftFinding): WhoChanged {
  if (read.kind === 'not-permitted') return read;
  if (read.kind === 'unreadable') return { kind: 'unknown', reason: read.reason };
  const policyId = finding.baseline.policyId.toLowerCase();
  const changes = read.changes.filter(
    (change) => change.at >= finding.baseline.recordedAt && change.policyIds.includes(policyId),
  );
  return { kind: 'known', changes };
}

export interface DriftWatchReport extends DriftCycleReport {
  readonly opened: number;
  readonly updated: number;
  readonly closed: number;
}

/**
 * One watch cycle end to end: look (drift-watcher.ts), then per policy one episode (drift-episodes.ts): a new one is
 * audited as `drift.detected` and shown, a changed one shown again in place, one already shown left alone, and an
 * episode whose policy matches its baseline again is closed.
 */
export class DriftWatch {
  constructor(
    private readonly parts: {
      readonly watcher: DriftWatcher;
      readonly reads: Pick<PolicyDriftReads, 'changesSince'>;
      readonly episodes: DriftEpisodes;
      readonly audit: AuditLog;
      readonly notifier: DriftNotifier;
      readonly log: Logger;
    },
  ) {}

  async once(): Promise<DriftWatchReport> {
    const { watcher, episodes, audit, notifier, log, reads } = this.parts;
    const report = await watcher.cycle();
    const since = report.findings.map((finding) => finding.baseline.recordedAt).sort()[0];
    const changes: IntuneChangesRead =
      since === undefined ? { kind: 'read', changes: [] } : await reads.changesSince(since);
    let opened = 0;
    let updated = 0;
    let closed = 0;
    for (const finding of report.findings) {
      const change = await episodes.record(finding);
      if (change === undefined || change.kind === 'unchanged') continue;
      const who = whoChanged(changes, finding);
      if (change.kind === 'opened') {
        opened += 1;
        await audit.append({
          actor: DRIFT_WATCH_ACTOR,
          action: 'drift.detected',
          target: finding.baseline.policyId,
          correlationId: change.episode.id,
          details: {
            policy: finding.baseline.state.name,
            changes: finding.items.map((item) => item.kind),
            changedBy: who.kind === 'known' ? [...new Set(who.changes.map((c) => c.actor))] : who.kind,
            ...(finding.baseline.runId ? { baselineRun: finding.baseline.runId } : {}),
            ...(finding.baseline.approvalId ? { baselineApproval: finding.baseline.approvalId } : {}),
          },
        });
      } else updated += 1;
      try {
        await notifier.show(change, finding, who);
      } catch (error) {
        log.error({ err: error, episode: change.episode.id }, 'drift card not shown');
      }
    }
    const open = new Set((await episodes.open()).map((episode) => episode.policyId));
    for (const policyId of report.quiet) {
      if (open.has(policyId) && (await episodes.close(policyId))) closed += 1;
    }
    return { ...report, opened, updated, closed };
  }
}
