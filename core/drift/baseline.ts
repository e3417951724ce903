import { z } from 'zod';
import { canonicalJson } from '../audit/canonical-json.js';
import type { PolicyProbe } from '../ports/policy-drift-reads.js';
import { normaliseTarget, type NormalisedPolicy } from './normalise-policy.js';

const normalisedTargetSchema = z.object({ key: z.string(), filter: z.string() });
export const normalisedPolicySchema = z.object({
  name: z.string(),
  description: z.string(),
  scopeTags: z.array(z.string()).readonly(),
  settings: z.record(z.string(), z.string()),
  targets: z.record(z.string(), normalisedTargetSchema),
});

/** What the cheap look last saw while the policy matched its baseline: equal again means nothing to read. */
const fingerprintSchema = z.object({
  lastModifiedDateTime: z.string(),
  settingCount: z.number(),
  targets: z.string(),
});
export type Fingerprint = z.infer<typeof fingerprintSchema>;

export const baselineSchema = z.object({
  policyId: z.string(),
  state: normalisedPolicySchema,
  /** The run that made this state and the request a second person approved (absent for an adopted policy). */
  runId: z.string().optional(),
  approvalId: z.string().optional(),
  recordedAt: z.string(),
  fingerprint: fingerprintSchema.optional(),
  /**
   * The approved policy and assignments exactly as the service returned them, so Revert and Recreate put back what was
   * approved byte for byte (assignment filters included); absent in baselines stored before Revert existed.
   */
  approved: z.object({ policy: z.unknown(), assignments: z.array(z.unknown()) }).optional(),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** The assignments of a probe, in the normalised form a fingerprint keeps. */
export function fingerprintOf(probe: PolicyProbe): Fingerprint {
  const targets = probe.assignments.map((row) => {
    const record = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    return normaliseTarget(record.target ?? row);
  });
  return {
    lastModifiedDateTime: probe.lastModifiedDateTime,
    settingCount: probe.settingCount,
    targets: canonicalJson(targets.map((t) => `${t.key}|${t.filter}`).sort()),
  };
}

export function sameFingerprint(left: Fingerprint | undefined, right: Fingerprint): boolean {
  return (
    left !== undefined &&
    left.lastModifiedDateTime === right.lastModifiedDateTime &&
    left.settingCount === right.settingCount &&
    left.targets === right.targets
  );
}

export type { NormalisedPolicy };
