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

export interface PolicyDriftReads {
  /** One cheap look per policy, many policies per request ($batch of 20). */
  probe(policyIds: readonly string[]): Promise<ReadonlyMap<string, ProbeResult>>;
  /** The whole policy; `undefined` when it is gone. */
  read(policyId: string): Promise<RawPolicyState | undefined>;
}
