import { describe, expect, it } from 'vitest';
import { createAdminServiceGateway } from '../../adapters/adminservice/adminservice-gateway.js';
import { createRetryingTransport } from '../../adapters/adminservice/retrying-transport.js';
import type { AdminServiceResponse, AdminServiceTransport } from '../../adapters/adminservice/transport.js';
import { silentLogger } from '../../core/ports/logger.js';
import { manualClock } from './fake-graph-client.js';

const SITE_ROW = {
  SiteCode: 'PS1',
  SiteName: 'Site',
  ServerName: 'cm01',
  Version: '5.00.9106.1000',
  BuildNumber: 9106,
  Type: 2,
  ReportingSiteCode: '',
  Status: 1,
};
const ok = (): AdminServiceResponse => ({ status: 200, headers: {}, json: { value: [SITE_ROW] } });
const nodeError = (code: string) => Object.assign(new Error(code), { code });

function scripted(answers: (() => AdminServiceResponse)[]) {
  const sent: string[] = [];
  const inner: AdminServiceTransport = {
    async send(request) {
      sent.push(`${request.method} ${request.path}`);
      const next = answers.shift() ?? ok;
      return next();
    },
  };
  const clock = manualClock();
  const transport = createRetryingTransport(inner, {
    clock,
    logger: silentLogger,
    retry: { maxTotalMs: 10_000, baseDelayMs: 500, maxDelayMs: 4000 },
    random: () => 1,
  });
  return { transport, sent, clock };
}

describe('the AdminService retry layer', () => {
  it.each([
    [
      'a reset',
      () => {
        throw nodeError('ECONNRESET');
      },
    ],
    [
      'its own timeout',
      () => {
        throw nodeError('TIMEOUT');
      },
    ],
    [
      'a DNS failure',
      () => {
        throw nodeError('ENOTFOUND');
      },
    ],
    ['a 503', () => ({ status: 503, headers: {}, json: {} })],
    ['a 502', () => ({ status: 502, headers: {}, json: {} })],
    ['a 429 with Retry-After', () => ({ status: 429, headers: { 'retry-after': '1' }, json: {} })],
  ])('reads the site after %s, as if nothing happened', async (_name, failure) => {
    const { transport, sent } = scripted([failure as () => AdminServiceResponse]);
    const site = await createAdminServiceGateway({ transport }).getSiteInfo();
    expect(site).toMatchObject({ ok: true, value: { siteCode: 'PS1', buildNumber: 9106 } });
    expect(sent).toHaveLength(2);
  });

  it('retries a WMI method POST that only reads, but not a POST that may change something', async () => {
    const reset = () => {
      throw nodeError('ECONNRESET');
    };
    const reading = scripted([reset]);
    await reading.transport.send({ method: 'POST', path: '/wmi/SMS_X.Get', body: {}, readOnly: true });
    expect(reading.sent).toHaveLength(2);
    const writing = scripted([reset]);
    await expect(writing.transport.send({ method: 'POST', path: '/wmi/SMS_X.Set', body: {} })).rejects.toThrow(
      'ECONNRESET',
    );
    expect(writing.sent).toHaveLength(1);
  });

  it('hands on the last failure once the budget is spent, which the gateway names', async () => {
    const down = () => ({ status: 503, headers: {}, json: {} });
    const { transport, clock } = scripted(Array.from({ length: 20 }, () => down));
    const site = await createAdminServiceGateway({ transport }).getSiteInfo();
    expect(site).toMatchObject({ ok: false, error: { code: 'ProviderUnreachable', retryable: true } });
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(10_000);
  });
});
