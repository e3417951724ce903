import { context, metrics, trace } from '@opentelemetry/api';
import type { TelemetryConfig } from '../config/config.js';

/** Flushes what is buffered and stops exporting; a no-op when telemetry is off. */
export interface Telemetry {
  shutdown(): Promise<void>;
}

const off: Telemetry = { shutdown: async () => undefined };
/** How often spans and metrics leave the process (the SDK's defaults are 5 s and 60 s). */
const SPAN_EXPORT_DELAY_MS = 1_000;
const METRIC_EXPORT_INTERVAL_MS = 15_000;

/**
 * OpenTelemetry for this process, off unless configured: traces and metrics to Application Insights (Azure Monitor
 * exporter) or to an OTLP/HTTP collector. The SDK is loaded only then, so the default start stays as fast as before;
 * everything else in bot/ and adapters/ talks to `@opentelemetry/api`, which does nothing until this registers.
 */
export async function startTelemetry(config: TelemetryConfig | undefined, instance: string): Promise<Telemetry> {
  if (config === undefined) return off;
  const [{ AsyncLocalStorageContextManager }, tracing, metricsSdk, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/resources'),
  ]);
  const exporters = await exportersFor(config);
  const resource = resourceFromAttributes({ 'service.name': 'attachops', 'service.instance.id': instance });
  const tracerProvider = new tracing.BasicTracerProvider({
    resource,
    spanProcessors: [new tracing.BatchSpanProcessor(exporters.spans, { scheduledDelayMillis: SPAN_EXPORT_DELAY_MS })],
  });
  const meterProvider = new metricsSdk.MeterProvider({
    resource,
    readers: [
      new metricsSdk.PeriodicExportingMetricReader({
        exporter: exporters.metrics,
        exportIntervalMillis: METRIC_EXPORT_INTERVAL_MS,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

async function exportersFor(config: TelemetryConfig) {
  if (config.kind === 'azure-monitor') {
    const { AzureMonitorTraceExporter, AzureMonitorMetricExporter } =
      await import('@azure/monitor-opentelemetry-exporter');
    const { connectionString } = config;
    return {
      spans: new AzureMonitorTraceExporter({ connectionString }),
      metrics: new AzureMonitorMetricExporter({ connectionString }),
    };
  }
  const [{ OTLPTraceExporter }, { OTLPMetricExporter }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/exporter-metrics-otlp-http'),
  ]);
  return {
    spans: new OTLPTraceExporter({ url: `${config.endpoint}/v1/traces` }),
    metrics: new OTLPMetricExporter({ url: `${config.endpoint}/v1/metrics` }),
  };
}
