import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inUpstreamSpan } from '../../../adapters/telemetry/upstream-span.js';

const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
const provider = new MeterProvider({ readers: [reader] });

beforeAll(() => {
  // Files share a worker (isolate: false): whatever an earlier file registered must not keep our provider out.
  metrics.disable();
  metrics.setGlobalMeterProvider(provider);
});

afterAll(async () => {
  await provider.shutdown();
  metrics.disable();
});

/** The data points of one metric, as label sets with their value (a histogram's count). */
async function points(name: string): Promise<{ attributes: Record<string, unknown>; value: number }[]> {
  await reader.forceFlush();
  const found = exporter
    .getMetrics()
    .flatMap((resource) => resource.scopeMetrics)
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === name)
    .at(-1);
  return (found?.dataPoints ?? []).map((point) => ({
    attributes: { ...point.attributes },
    value: typeof point.value === 'number' ? point.value : (point.value as { count: number }).count,
  }));
}

describe('upstream metrics', () => {
  it('times every request by upstream and status, and counts 429s by upstream', async () => {
    const answer = (status: number) => () => Promise.resolve(status);
    const asked = (upstream: 'graph' | 'adminservice') => ({ upstream, method: 'GET', path: '/beta/x/1' });
    await inUpstreamSpan(asked('graph'), answer(200), (status) => status);
    await inUpstreamSpan(asked('graph'), answer(429), (status) => status);
    await inUpstreamSpan(asked('graph'), answer(429), (status) => status);
    await inUpstreamSpan(asked('adminservice'), answer(200), (status) => status);
    await expect(
      inUpstreamSpan(
        asked('adminservice'),
        () => Promise.reject(new Error('reset')),
        () => 0,
      ),
    ).rejects.toThrow('reset');

    expect(await points('attachops.upstream.throttled')).toEqual([{ attributes: { upstream: 'graph' }, value: 2 }]);
    expect(await points('attachops.upstream.duration')).toEqual(
      expect.arrayContaining([
        { attributes: { upstream: 'graph', status: 200 }, value: 1 },
        { attributes: { upstream: 'graph', status: 429 }, value: 2 },
        { attributes: { upstream: 'adminservice', status: 200 }, value: 1 },
        { attributes: { upstream: 'adminservice', status: 0 }, value: 1 },
      ]),
    );
  });
});
