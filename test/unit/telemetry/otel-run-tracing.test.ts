import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otelRunTracing } from '../../../adapters/telemetry/otel-run-tracing.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  // Files share a worker (isolate: false): whatever an earlier file registered must not keep our provider out.
  trace.disable();
  context.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

describe('run spans on OpenTelemetry', () => {
  it('a run worked on later links to the turn that started it, and its steps sit under it', async () => {
    const startedBy = await trace.getTracer('test').startActiveSpan('turn message', async (turn) => {
      const traceparent = otelRunTracing.currentTraceparent();
      turn.end();
      return traceparent;
    });
    expect(startedBy).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(otelRunTracing.currentTraceparent()).toBeUndefined();

    await otelRunTracing.inRunSpan({ id: 'r-1', kind: 'policy-create', startedBy }, () =>
      otelRunTracing.inStepSpan({ kind: 'create-policy', index: 0 }, async () => undefined),
    );

    const spans = exporter.getFinishedSpans();
    const turn = spans.find((span) => span.name === 'turn message')!;
    const run = spans.find((span) => span.name === 'run policy-create')!;
    const step = spans.find((span) => span.name === 'step create-policy')!;
    expect(run.links.map((link) => link.context.spanId)).toEqual([turn.spanContext().spanId]);
    expect(run.links[0]?.context.traceId).toBe(turn.spanContext().traceId);
    expect(step.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(run.attributes).toEqual({ 'attachops.run.kind': 'policy-create', 'attachops.run.id': 'r-1' });
  });

  it('a run resumed by a later turn (a click) links to both: the turn that started it first', async () => {
    exporter.reset();
    const tracer = trace.getTracer('test');
    const startedBy = await tracer.startActiveSpan('turn message', async (turn) => {
      turn.end();
      return otelRunTracing.currentTraceparent();
    });
    await tracer.startActiveSpan('turn invoke', async (click) => {
      await otelRunTracing.inRunSpan({ id: 'r-4', kind: 'enable', startedBy }, async () => undefined);
      click.end();
    });
    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.find((span) => span.name === name)!;
    const run = byName('run enable');
    expect(run.links.map((link) => link.context.spanId)).toEqual([
      byName('turn message').spanContext().spanId,
      byName('turn invoke').spanContext().spanId,
    ]);
    expect(run.parentSpanContext).toBeUndefined();
    expect(run.spanContext().traceId).not.toBe(byName('turn invoke').spanContext().traceId);
  });

  it('a run with no stored turn, or a malformed one, has no link', async () => {
    exporter.reset();
    await otelRunTracing.inRunSpan({ id: 'r-2', kind: 'enable' }, async () => undefined);
    await otelRunTracing.inRunSpan(
      { id: 'r-3', kind: 'enable', startedBy: 'not-a-traceparent' },
      async () => undefined,
    );
    expect(exporter.getFinishedSpans().map((span) => span.links)).toEqual([[], []]);
  });
});
