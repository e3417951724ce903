import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ADMINSERVICE_USER, SANDBOX_APP } from '../../sandbox/constants.js';
import { ADELE, ALEX, MEGAN, messageActivity } from '../support/activities.js';
import { type BotProcess, buildOnce, kill, postActivity, startBotProcess, waitUntil } from '../support/bot-process.js';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

/** What must never be in a span: secrets, tokens, and people's names (the caller's and the sandbox's users'). */
const FORBIDDEN = [
  SANDBOX_APP.clientSecret,
  SANDBOX_ADMINSERVICE_USER.password,
  SANDBOX_ADMINSERVICE_USER.username,
  ...[ALEX, MEGAN, ADELE].flatMap((user) => [user.name, ...user.name.split(' ')]),
  'Bearer',
  'eyJ',
  'NTLM',
];

describe('telemetry over OTLP, off by default and on with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let tenant: SandboxTenant;
  let connector: RecordingConnector;
  let receiver: OtlpReceiver;
  let bot: BotProcess;

  beforeAll(async () => {
    [tenant, connector, receiver] = await Promise.all([
      startSandboxTenant({ scenario: 'ready' }),
      startRecordingConnector(),
      startOtlpReceiver(),
      buildOnce(),
    ]);
    bot = await startBotProcess({ ...tenant.env, LOG_LEVEL: 'warn', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  }, 180_000);

  afterAll(async () => {
    if (bot) await kill(bot);
    await connector?.close();
    await tenant?.close();
    await receiver?.close();
  });

  it('a check is one turn span with Graph ($batch with its size) and AdminService spans under it, and no secret or name', async () => {
    const reply = await postActivity(
      bot,
      messageActivity('check', { serviceUrl: connector.url, conversationId: 'a:telemetry', from: ALEX }),
    );
    expect(reply.status).toBeLessThan(300);
    await connector.waitFor((calls) => calls.length >= 1, 30_000);
    await waitUntil(async () => receiver.spans.some((span) => span.name === 'turn message'), 15_000, 'the turn span');

    const turns = receiver.spans.filter((span) => span.name === 'turn message');
    expect(turns).toHaveLength(1);
    const turn = turns[0]!;
    expect(turn.attributes).toMatchObject({
      'attachops.command': 'check',
      'attachops.outcome': 'ok',
      'attachops.activity.type': 'message',
    });
    expect(typeof turn.attributes['attachops.role']).toBe('string');

    const under = descendantsOf(turn, receiver.spans);
    const graph = under.filter((span) => span.attributes['attachops.upstream'] === 'graph');
    const adminService = under.filter((span) => span.attributes['attachops.upstream'] === 'adminservice');
    expect(graph.length).toBeGreaterThan(0);
    expect(adminService.length).toBeGreaterThan(0);
    for (const span of [...graph, ...adminService]) {
      expect(span.attributes['http.response.status_code']).toBeTypeOf('number');
      expect(span.attributes['http.request.resend_count']).toBeTypeOf('number');
    }
    const batches = graph.filter((span) => String(span.attributes['url.template']).endsWith('/$batch'));
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) expect(batch.attributes['graph.batch.size']).toBeGreaterThan(0);
    expect(under.some((span) => span.name.startsWith('storage '))).toBe(true);

    expectNothingForbidden(receiver.spans);
  }, 60_000);

  it("a run's spans link to the turn that started it, with its steps and their upstream requests under them", async () => {
    const reply = await postActivity(
      bot,
      messageActivity('enable PS100042', { serviceUrl: connector.url, conversationId: 'a:telemetry-run', from: ALEX }),
    );
    expect(reply.status).toBeLessThan(300);
    await waitUntil(async () => receiver.spans.some((span) => span.name.startsWith('run ')), 30_000, 'a run span');
    await waitUntil(
      async () => receiver.spans.some((span) => span.attributes['attachops.command'] === 'enable'),
      15_000,
      'the turn span of enable',
    );

    const turn = receiver.spans.find((span) => span.attributes['attachops.command'] === 'enable')!;
    const runs = receiver.spans.filter((span) => span.name.startsWith('run '));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run.links).toContainEqual({ traceId: turn.traceId, spanId: turn.spanId });
      expect(run.parentSpanId, 'a run span starts a trace of its own').toBeUndefined();
      expect(run.traceId).not.toBe(turn.traceId);
      expect(run.attributes['attachops.run.kind']).toBeTypeOf('string');
    }
    const underRuns = receiver.spans.filter((span) => runs.some((run) => span.parentSpanId === run.spanId));
    const steps = underRuns.filter((span) => span.name.startsWith('step '));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step.attributes['attachops.step.index']).toBeTypeOf('number');
    expect(
      underRuns.every((span) => /^(step|storage) /.test(span.name)),
      'only steps and the storage reads of the run itself',
    ).toBe(true);
    const upstream = steps.flatMap((step) => descendantsOf(step, receiver.spans));
    expect(upstream.some((span) => span.attributes['attachops.upstream'] !== undefined)).toBe(true);
    expectNothingForbidden(receiver.spans);
  }, 60_000);

  it('flushes its metrics when it stops: turns, upstream latency, and the run by its outcome', async () => {
    bot.child.kill('SIGTERM');
    await bot.exited;
    expect([...receiver.metricNames]).toEqual(
      expect.arrayContaining(['attachops.turns', 'attachops.upstream.duration', 'attachops.runs']),
    );
  }, 30_000);
});

function expectNothingForbidden(spans: readonly ReceivedSpan[]): void {
  const everything = JSON.stringify(spans);
  for (const forbidden of FORBIDDEN) expect(everything, forbidden).not.toContain(forbidden);
}

/** Every span whose parent chain reaches `root`. */
function descendantsOf(root: ReceivedSpan, spans: readonly ReceivedSpan[]): ReceivedSpan[] {
  const found: ReceivedSpan[] = [];
  let frontier = new Set([root.spanId]);
  while (frontier.size > 0) {
    const next = spans.filter((span) => span.parentSpanId !== undefined && frontier.has(span.parentSpanId));
    found.push(...next);
    frontier = new Set(next.map((span) => span.spanId));
  }
  return found;
}
