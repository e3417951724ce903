import { z } from 'zod';

export const ROLLOUT_PLANNER = 'rollout';
export const ROLLOUT_GATE = 'rollout-gate';
export const ROLLOUT_ADVANCE = 'rollout-advance';

/** The gate step's input (and the start of its wait's state): which ring soaks, and what it is measured against. */
export const gateInputSchema = z.object({
  policyId: z.string().min(1),
  policyName: z.string(),
  /** Which report the gate reads: a ConfigMgr policy's summary or an Intune policy's device report. */
  report: z.enum(['configmgr', 'intune']),
  ringIndex: z.number().int().nonnegative(),
  ringName: z.string(),
  nextRing: z.object({ name: z.string(), devices: z.number().int().nonnegative().optional() }),
  /** The rules as formatGate writes them (canonical). */
  gate: z.string().min(1),
  soakMs: z.number().int().positive(),
  /** After the soak, how long devices that have not reported yet may still do so before the ring halts. */
  graceMs: z.number().int().nonnegative(),
});
export type GateInput = z.infer<typeof gateInputSchema>;

/** The approve-each step's input: the ring that comes next once someone other than the requester approves. */
export const advanceInputSchema = z.object({
  policyName: z.string(),
  passedRing: z.string(),
  nextRing: z.object({ name: z.string(), devices: z.number().int().nonnegative().optional() }),
  ringIndex: z.number().int().positive(),
});
export type AdvanceInput = z.infer<typeof advanceInputSchema>;

/** "1,240 devices", or "devices not known yet" where the port cannot count a target. */
export function devicesWords(devices: number | undefined): string {
  if (devices === undefined) return 'devices not counted';
  return `${devices.toLocaleString('en-US')} ${devices === 1 ? 'device' : 'devices'}`;
}
