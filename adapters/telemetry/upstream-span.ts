import { type Attributes, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { currentAttempt } from './attempt.js';
import { instruments, tracer } from './instruments.js';
import { pathTemplate } from './path-template.js';

export type Upstream = 'graph' | 'adminservice';

export interface UpstreamRequest {
  readonly upstream: Upstream;
  readonly method: string;
  /** The path or URL; only its template (values replaced by `{id}`, no query) is recorded. */
  readonly path: string;
  readonly attributes?: Attributes;
}

/**
 * One HTTP request to Graph or the AdminService as a client span under the current one (the turn's, or a run's):
 * method, path template, status, which try it is; and its duration and any 429 as metrics. Never a URL's query, a
 * header or a body.
 */
export async function inUpstreamSpan<T>(
  request: UpstreamRequest,
  send: () => Promise<T>,
  statusOf: (result: T) => number,
): Promise<T> {
  const template = pathTemplate(request.path);
  const attempt = currentAttempt();
  return tracer().startActiveSpan(
    `${request.upstream} ${request.method} ${template}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'attachops.upstream': request.upstream,
        'http.request.method': request.method,
        'url.template': template,
        'http.request.resend_count': attempt - 1,
        ...request.attributes,
      },
    },
    async (span) => {
      const started = performance.now();
      const record = (status: number | undefined) => {
        const labels = { upstream: request.upstream, status: status ?? 0 };
        instruments().upstreamDuration.record(performance.now() - started, labels);
        if (status === 429) instruments().throttled.add(1, { upstream: request.upstream });
      };
      try {
        const result = await send();
        const status = statusOf(result);
        span.setAttribute('http.response.status_code', status);
        if (status >= 500 || status === 429) span.setStatus({ code: SpanStatusCode.ERROR });
        record(status);
        return result;
      } catch (error) {
        const code = (error as { code?: unknown } | undefined)?.code;
        span.setAttribute('error.type', typeof code === 'string' ? code : 'no-answer');
        span.setStatus({ code: SpanStatusCode.ERROR });
        record(undefined);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
