import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { aggregateDeviceRows } from '../../../core/compliance/aggregate-device-rows.js';
import { percentCompliant } from '../../../core/compliance/compliance-counts.js';
import { PostedNumbersStore } from '../../../core/compliance/posted-numbers.js';
import { INTUNE_REPORT_CONCURRENCY, readCompliance } from '../../../core/compliance/read-compliance.js';
import { bucketOfReportStatus } from '../../../core/compliance/report-status.js';
import { summarize } from '../../../core/compliance/summary-model.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { toCompliancePolicyView } from '../../../cards/views/compliance-policy-view.js';
import { FakeClock } from '../../support/fake-clock.js';
import { counts, deviceRows, FakeComplianceTenant } from './fakes.js';

describe('compliance numbers', () => {
  it('aggregates Intune report rows into the ConfigMgr summary counts, paging 50 at a time', async () => {
    const tenant = new FakeComplianceTenant();
    const id = tenant.addPolicy('EDR - Intune', 'intune-edr');
    tenant.reports.set(
      id,
      deviceRows({ Succeeded: 80, 'Not compliant': 12, Error: 5, Pending: 3, 'Not applicable': 7 }),
    );
    const snapshot = await readCompliance(tenant, new FakeClock(), silentLogger);
    const policy = snapshot.policies[0];
    expect(policy?.result).toEqual({
      ok: true,
      counts: { targeted: 100, compliant: 80, nonCompliant: 12, failed: 5, pending: 3, enforced: 92 },
    });
    expect(policy?.devices).toHaveLength(107);
    expect(tenant.reportCalls.map((call) => [call.skip, call.top])).toEqual([
      [0, 50],
      [50, 50],
      [100, 50],
    ]);
  });

  it("links each ConfigMgr policy to its own profile's page in the admin center (EDR is not the Antivirus page)", async () => {
    const tenant = new FakeComplianceTenant();
    tenant.summaries.set(tenant.addPolicy('EDR', 'configmgr-edr'), counts(3));
    tenant.summaries.set(tenant.addPolicy('AV', 'configmgr-antivirus'), counts(3));
    const summary = summarize(await readCompliance(tenant, new FakeClock(), silentLogger), new Map(), 1, 10);
    const urls = Object.fromEntries(
      summary.rows.map((row) => [row.name, toCompliancePolicyView(row, new Date(0), new Date(0)).adminCenterUrl]),
    );
    expect(urls).toEqual({
      EDR: 'https://intune.microsoft.com/#view/Microsoft_Intune_Workflows/SecurityManagementMenu/~/edr',
      AV: 'https://intune.microsoft.com/#view/Microsoft_Intune_Workflows/SecurityManagementMenu/~/antivirus',
    });
  });

  it('maps report labels in one place, and never counts an unknown label as compliant', () => {
    expect(bucketOfReportStatus('Succeeded')).toBe('compliant');
    expect(bucketOfReportStatus('Not compliant')).toBe('nonCompliant');
    expect(bucketOfReportStatus('Conflict')).toBe('nonCompliant');
    expect(bucketOfReportStatus('Error')).toBe('failed');
    expect(bucketOfReportStatus('Not applicable')).toBe('notApplicable');
    expect(bucketOfReportStatus('Something new')).toBe('pending');
    expect(aggregateDeviceRows(deviceRows({ Whatever: 2 })).compliant).toBe(0);
  });

  it('asks for every ConfigMgr policy in one getPolicySummaries call and bounds the Intune reports in flight', async () => {
    const tenant = new FakeComplianceTenant();
    for (let index = 0; index < 45; index += 1)
      tenant.summaries.set(tenant.addPolicy(`CM ${index}`, 'configmgr-antivirus'), counts(index));
    for (let index = 0; index < 12; index += 1)
      tenant.reports.set(tenant.addPolicy(`MDM ${index}`, 'intune-antivirus'), deviceRows({ Succeeded: 3 }));
    tenant.addPolicy('not ours', 'configmgr-edr', false);
    const snapshot = await readCompliance(tenant, new FakeClock(), silentLogger);
    expect(tenant.summaryCalls).toHaveLength(1);
    expect(tenant.summaryCalls[0]).toHaveLength(45);
    expect(tenant.maxInFlightReports).toBeGreaterThan(1);
    expect(tenant.maxInFlightReports).toBeLessThanOrEqual(INTUNE_REPORT_CONCURRENCY);
    expect(snapshot.policies).toHaveLength(57);
  });

  it('keeps a failed policy in the summary with its error instead of failing the others', async () => {
    const tenant = new FakeComplianceTenant();
    tenant.summaries.set(tenant.addPolicy('ok', 'configmgr-edr'), counts(5));
    tenant.summaries.set(tenant.addPolicy('broken', 'configmgr-edr'), new Error('throttled'));
    const summary = summarize(await readCompliance(tenant, new FakeClock(), silentLogger), new Map(), 1, 10);
    expect(summary.rows.map((row) => [row.name, row.error])).toEqual([
      ['broken', 'throttled'],
      ['ok', undefined],
    ]);
  });

  it('shows no percentage for a policy with zero targeted devices, and lists it last', async () => {
    expect(percentCompliant(counts(0))).toBeUndefined();
    const tenant = new FakeComplianceTenant();
    tenant.summaries.set(tenant.addPolicy('new', 'configmgr-edr'), counts(0));
    tenant.summaries.set(tenant.addPolicy('perfect', 'configmgr-edr'), counts(10));
    tenant.summaries.set(tenant.addPolicy('bad', 'configmgr-edr'), counts(2, 8));
    tenant.summaries.set(tenant.addPolicy('middling', 'configmgr-edr'), counts(6, 2, 2));
    const summary = summarize(await readCompliance(tenant, new FakeClock(), silentLogger), new Map(), 1, 10);
    expect(summary.rows.map((row) => row.name)).toEqual(['bad', 'middling', 'perfect', 'new']);
    expect(summary.rows.map((row) => row.percent)).toEqual([20, 60, 100, undefined]);
  });

  it('reports the change since the summary last posted to the same conversation, per conversation', async () => {
    const tenant = new FakeComplianceTenant();
    const id = tenant.addPolicy('EDR', 'configmgr-edr');
    const clock = new FakeClock();
    const posted = new PostedNumbersStore(createMemoryStorage());
    tenant.summaries.set(id, counts(2, 1, 0, 7));
    const first = await readCompliance(tenant, clock, silentLogger);
    expect(summarize(first, await posted.baseline('19:a'), 1, 10).rows[0]?.change).toBeUndefined();
    await posted.record('19:a', first);

    clock.advance(60 * 60 * 1000);
    tenant.summaries.set(id, counts(8, 1, 1, 0));
    const second = await readCompliance(tenant, clock, silentLogger);
    const change = summarize(second, await posted.baseline('19:a'), 1, 10).rows[0]?.change;
    expect(change?.since).toEqual(first.takenAt);
    expect(change?.by).toMatchObject({
      compliant: 6,
      nonCompliant: 0,
      failed: 1,
      pending: -7,
      targeted: 0,
      percentPoints: expect.closeTo(80 - 200 / 3, 5),
    });
    expect(summarize(second, await posted.baseline('19:b'), 1, 10).rows[0]?.change).toBeUndefined();

    await posted.record('19:a', second);
    expect((await posted.baseline('19:a', { samePost: true })).get(id)?.counts).toEqual(counts(2, 1, 0, 7));
    expect((await posted.baseline('19:a')).get(id)?.counts).toEqual(counts(8, 1, 1, 0));
  });
});
