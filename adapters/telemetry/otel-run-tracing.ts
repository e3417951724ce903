import { type Link, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import type { RunTracing } from '../../core/ports/run-tracing.js';
import { instruments, tracer } from './instruments.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** RunTracing on OpenTelemetry: run spans link to the turn that started the run, step spans sit under the run span. */
export const otelRunTracing: RunTracing = {
  currentTraceparent() {
    const context = trace.getActiveSpan()?.spanContext();
    if (!context || !trace.isSpanContextValid(context)) return undefined;
    return `00-${context.traceId}-${context.spanId}-0${context.traceFlags & TraceFlags.SAMPLED}`;
  },
  inRunSpan(run, work) {
    const links = [...linkTo(run.startedBy), ...currentTurn(run.startedBy)];
    return inSpan(`run ${run.kind}`, { 'attachops.run.kind': run.kind, 'attachops.run.id': run.id }, work, links, true);
  },
  inStepSpan(step, work) {
    return inSpan(`step ${step.kind}`, { 'attachops.step.kind': step.kind, 'attachops.step.index': step.index }, work);
  },
  runEnded(outcome) {
    instruments().runs.add(1, { outcome });
  },
  waitBegan(waitingFor, kind) {
    instruments().waits.add(1, { waiting_for: waitingFor, kind });
  },
};

function linkTo(traceparent: string | undefined): Link[] {
  const match = traceparent === undefined ? null : TRACEPARENT.exec(traceparent);
  if (!match) return [];
  return [{ context: { traceId: match[1]!, spanId: match[2]!, traceFlags: Number.parseInt(match[3]!, 16) } }];
}

/** The turn that resumes a run (a click on Approve, Retry…), when it is not the one that started it. */
function currentTurn(startedBy: string | undefined): Link[] {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context) || startedBy?.includes(context.spanId)) return [];
  return [{ context }];
}

/** A run's work starts a trace of its own (`root`), linked to the turn: a turn's trace ends when it answers. */
async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
  links: Link[] = [],
  root = false,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes, links, root }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
