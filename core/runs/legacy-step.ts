/**
 * Steps stored before wait kinds existed kept a console verification in `verification` and an Intune hold in `intune`
 * (state `waiting-for-intune`). Read once, they take today's shape: `state: 'waiting'` and a `wait` record of kind
 * `console-verification` or `intune-approval`, so a run waiting across the upgrade continues the same wait.
 */
export function fromLegacyStep(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const { verification, intune, ...step } = value as Record<string, unknown>;
  if (isObject(verification)) return { ...step, ...fromVerification(step, verification) };
  if (isObject(intune)) return { ...step, ...fromIntune(step, intune) };
  return value;
}

function fromVerification(step: Record<string, unknown>, verification: Record<string, unknown>): object {
  const gaveUp = typeof verification.gaveUpAt === 'string';
  const active = step.state === 'waiting-for-admin' && !gaveUp;
  return {
    ...(active ? { state: 'waiting' } : {}),
    wait: {
      kind: 'console-verification',
      startedAt: verification.startedAt,
      startedBy: verification.requestedBy,
      checks: verification.attempts,
      lastCheckedAt: verification.lastCheckedAt,
      nextCheckAt: verification.nextCheckAt,
      gaveUpAt: verification.gaveUpAt,
      ...(step.state === 'done' ? { endedAt: step.endedAt } : {}),
      state: {},
    },
  };
}

function fromIntune(step: Record<string, unknown>, gate: Record<string, unknown>): object {
  const waiting = step.state === 'waiting-for-intune';
  const { checks, lastCheckedAt, nextCheckAt, heldAt, ...state } = gate;
  return {
    ...(waiting ? { state: 'waiting' } : {}),
    wait: {
      kind: 'intune-approval',
      startedAt: heldAt,
      checks,
      lastCheckedAt,
      nextCheckAt,
      ...(waiting ? {} : { endedAt: step.endedAt ?? heldAt }),
      state: { ...state, heldAt },
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
