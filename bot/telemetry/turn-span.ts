import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { instruments, tracer } from '../../adapters/telemetry/instruments.js';

/** What a turn came to, as the dispatchers tell it: the `outcome` attribute and the turns metric's label. */
export type TurnOutcome = 'ok' | 'failed' | 'refused' | 'usage-error' | 'unknown-command' | 'invalid-action';

const OUTCOME = 'attachops.outcome';
/** Outcomes told by the dispatchers, by the turn span they were told on. */
const told = new WeakMap<Span, TurnOutcome>();

/**
 * One server span per Teams activity (`turn message`, `turn invoke`…) around everything the turn does, so Graph,
 * AdminService and storage requests are its children. Attributes are the activity type, the command or verb, the role
 * it needs and the outcome: never a name, a text typed, an id of a person or a secret.
 */
export async function inTurnSpan<T>(activityType: string, handle: () => Promise<T>): Promise<T> {
  const kind = activityType.replace(/[^A-Za-z]/g, '').slice(0, 40) || 'unknown';
  return tracer().startActiveSpan(
    `turn ${kind}`,
    { kind: SpanKind.SERVER, attributes: { 'attachops.activity.type': kind } },
    async (span) => {
      let outcome: string | undefined;
      try {
        return await handle();
      } catch (error) {
        outcome = 'failed';
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        outcome ??= told.get(span) ?? 'ok';
        span.setAttribute(OUTCOME, outcome);
        instruments().turns.add(1, { kind, outcome });
        span.end();
      }
    },
  );
}

/** The command or verb this turn runs, and the role it needs. */
export function noteTurnAction(action: {
  readonly command?: string;
  readonly verb?: string;
  readonly role: string;
}): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  if (action.command !== undefined) span.setAttribute('attachops.command', action.command);
  if (action.verb !== undefined) span.setAttribute('attachops.verb', action.verb);
  span.setAttribute('attachops.role', action.role);
}

/** How the turn ended, when it ended other than in a plain answer. */
export function noteTurnOutcome(outcome: TurnOutcome): void {
  const span = trace.getActiveSpan();
  if (span) told.set(span, outcome);
}
