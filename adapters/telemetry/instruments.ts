import { type Counter, type Histogram, type MeterProvider, metrics, trace, type Tracer } from '@opentelemetry/api';

/**
 * The tracer of AttachOps, asked for at each use: a no-op until bot/telemetry/start-telemetry.ts registers a provider.
 * Not kept in a constant: a tracer got before a provider is replaced (tests in one worker) would keep the old one.
 */
export function tracer(): Tracer {
  return trace.getTracer('attachops');
}

export interface Instruments {
  /** Turns by kind (message, invoke) and outcome. */
  readonly turns: Counter;
  /** Each upstream HTTP request's duration (ms) by upstream (graph, adminservice) and status. */
  readonly upstreamDuration: Histogram;
  /** Upstream 429s by upstream. */
  readonly throttled: Counter;
  /** Runs ended, by outcome (reported by the run kernel through core/ports/run-tracing.ts). */
  readonly runs: Counter;
  /** Waits begun, by what is waited for (a person, Intune). */
  readonly waits: Counter;
}

let made: { readonly provider: MeterProvider; readonly instruments: Instruments } | undefined;

/**
 * The metrics instruments, made on first use and again if the meter provider changed: `metrics.getMeter` is not a
 * proxy, so instruments made before a provider is registered would stay no-ops. Telemetry starts before the first turn.
 */
export function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (made?.provider === provider) return made.instruments;
  const meter = provider.getMeter('attachops');
  const instruments: Instruments = {
    turns: meter.createCounter('attachops.turns', { description: 'Turns by kind and outcome' }),
    upstreamDuration: meter.createHistogram('attachops.upstream.duration', {
      description: 'Upstream HTTP request duration by upstream and status',
      unit: 'ms',
    }),
    throttled: meter.createCounter('attachops.upstream.throttled', { description: 'Upstream 429 answers' }),
    runs: meter.createCounter('attachops.runs', { description: 'Runs ended, by outcome' }),
    waits: meter.createCounter('attachops.waits', { description: 'Waits begun, by what is waited for' }),
  };
  made = { provider, instruments };
  return instruments;
}
