import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { context, metrics, trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { startTelemetry } from '../../../bot/telemetry/start-telemetry.js';
import { testTls } from '../../support/tls.js';

/** What reached the stand-in ingestion endpoint: path and the envelopes' names. */
const received: { path: string; body: string }[] = [];
const server = createServer({ cert: testTls().certPem, key: testTls().keyPem }, (request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // The suite shares a worker between files (isolate: false): leave no global provider for the next file.
  trace.disable();
  metrics.disable();
  context.disable();
});

describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('sends a turn span to the connection string’s ingestion endpoint when telemetry stops', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const telemetry = await startTelemetry(
      {
        kind: 'azure-monitor',
        connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/`,
      },
      'test-instance',
    );
    trace.getTracer('test').startActiveSpan('turn message', (span) => span.end());
    await telemetry.shutdown();
    const tracks = received.filter((request) => request.path.endsWith('/track'));
    expect(tracks.map((request) => request.body).join('\n')).toContain('turn message');
  });
});
