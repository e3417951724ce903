import { z } from 'zod';
import { defineStepKind, type StepHandler } from '../../../core/runs/step-handler.js';
import { defineWaitKind, type WaitKind } from '../../../core/runs/wait-kind.js';

/** A toy world: doors that someone opens, some time later. */
export class Doors {
  readonly open = new Set<string>();
  looks = 0;
  performs = 0;
}

const doorState = z.object({ door: z.string(), knocks: z.number().int().nonnegative() });
type DoorState = z.infer<typeof doorState>;

/**
 * The toy wait kind of CONTRIBUTING.md's "Add a wait kind" recipe, written the way the recipe says: a zod state, a
 * backoff, one look, and what expiry means. It waits until a door is open.
 */
export function doorWait(doors: Doors): WaitKind<DoorState> {
  return defineWaitKind({
    kind: 'door',
    state: doorState,
    nextDelayMs: (checks) => Math.min(60_000, 10_000 * 2 ** (checks - 1)),
    check(look) {
      doors.looks += 1;
      const knocks = look.state.knocks + 1;
      if (!doors.open.has(look.state.door)) {
        return Promise.resolve({ kind: 'pending', state: { ...look.state, knocks }, note: `knocked ${knocks} times` });
      }
      return Promise.resolve({
        kind: 'done',
        message: `${look.state.door} opened after ${knocks} knocks`,
        events: [{ actor: look.actor, action: 'door.opened', details: { door: look.state.door } }],
      });
    },
    expired: (look) => ({
      kind: 'failed',
      problem: { title: 'Nobody opened', message: `${look.state.door} stayed shut.`, fix: 'Press Retry.' },
    }),
  });
}

/** A step that starts the wait: it knocks once (its "write"), then waits for the door. */
export function knockStep(doors: Doors, expiresInMs = 3_600_000): StepHandler {
  return defineStepKind({
    kind: 'knock',
    changesTenant: false,
    check: (step) =>
      Promise.resolve(
        doors.open.has(String(step.input.door)) ? { done: true, message: 'already open' } : { done: false },
      ),
    perform(step, context) {
      doors.performs += 1;
      const door = String(step.input.door);
      const expiresAt = new Date(context.clock.now().getTime() + expiresInMs).toISOString();
      return Promise.resolve({
        kind: 'wait',
        wait: 'door',
        start: { state: { door, knocks: 0 }, message: `waiting for ${door}`, expiresAt },
      });
    },
  });
}
