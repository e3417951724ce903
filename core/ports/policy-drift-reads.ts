/**
 * What the drift watch reads of a configuration policy, in the service's own JSON: the noise a drift watch must
 * ignore lives in that form, so it is handed over `unknown` and read in one place (core/drift/normalise-policy.ts).
 */
export interface RawPolicyState {
  /** The policy with its settings (`GET configurationPolicies/{id}?$expand=settings`). */
  readonly policy: unknown;
  /** Its assignments (`GET …/assignments`), rows as the service returns them. */
  readonly assignments: readonly unknown[];
}

/** The cheap look: enough to tell that a policy may have changed. */
export interface PolicyProbe {
  readonly lastModifiedDateTime: string;
  readonly settingCount: number;
  readonly assignments: readonly unknown[];
}

export type ProbeResult =
  | { readonly kind: 'found'; readonly probe: PolicyProbe }
  | { readonly kind: 'gone' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** One change Intune logged (`deviceManagement/auditEvents`): who, when, to which policy. */
export interface IntuneChange {
  readonly at: string;
  /** A person's UPN, or an app's display name (or id). */
  readonly actor: string;
  readonly actorKind: 'person' | 'app';
  readonly activity: string;
  readonly policyIds: readonly string[];
}

export type IntuneChangesRead =
  | { readonly kind: 'read'; readonly changes: readonly IntuneChange[] }
  /** The app may not read the audit log (403): the card says so instead of naming anyone. */
  | { readonly kind: 'not-permitted' }
  | { readonly kind: 'unreadable'; readonly reason: string };

export interface PolicyDriftReads {
  /** One cheap look per policy, many policies per request ($batch of 20). */
  probe(policyIds: readonly string[]): Promise<ReadonlyMap<string, ProbeResult>>;
  /** The whole policy; `undefined` when it is gone. */
  read(policyId: string): Promise<RawPolicyState | undefined>;
  /** Intune's audit events since a time, every policy at once (one request per cycle, only when there is drift). */
  changesSince(since: string): Promise<IntuneChangesRead>;
}
