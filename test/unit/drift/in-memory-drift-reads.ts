import type {
  IntuneChange,
  IntuneChangesRead,
  PolicyDriftReads,
  ProbeResult,
  RawPolicyState,
} from '../../../core/ports/policy-drift-reads.js';

/** Policies in the wire form, read the way the Graph adapter reads them, with every read counted. */
export class InMemoryDriftReads implements PolicyDriftReads {
  readonly policies = new Map<string, RawPolicyState>();
  readonly unreadable = new Set<string>();
  readonly changes: IntuneChange[] = [];
  auditPermitted = true;
  auditReads = 0;
  probes = 0;
  fullReads = 0;

  async probe(policyIds: readonly string[]): Promise<ReadonlyMap<string, ProbeResult>> {
    this.probes += policyIds.length;
    const results = new Map<string, ProbeResult>();
    for (const id of policyIds) {
      const state = this.policies.get(id);
      if (this.unreadable.has(id)) results.set(id, { kind: 'unreadable', reason: 'throttled' });
      else if (state === undefined) results.set(id, { kind: 'gone' });
      else {
        const policy = state.policy as { lastModifiedDateTime: string; settings: unknown[] };
        results.set(id, {
          kind: 'found',
          probe: {
            lastModifiedDateTime: policy.lastModifiedDateTime,
            settingCount: policy.settings.length,
            assignments: state.assignments,
          },
        });
      }
    }
    return results;
  }

  async read(policyId: string): Promise<RawPolicyState | undefined> {
    this.fullReads += 1;
    return structuredClone(this.policies.get(policyId));
  }

  async changesSince(since: string): Promise<IntuneChangesRead> {
    this.auditReads += 1;
    if (!this.auditPermitted) return { kind: 'not-permitted' };
    return { kind: 'read', changes: this.changes.filter((change) => change.at >= since) };
  }
}
