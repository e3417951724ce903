import { describe, expect, it } from 'vitest';
import { sampleReport } from './sample-report.js';

describe('the prerequisite report', () => {
  const report = sampleReport();

  it('puts areas with failures first, then unknown, warn and pass', () => {
    expect(report.areas.map((area) => [area.area, area.status])).toEqual([
      ['ConfigMgr version', 'fail'],
      ['Tenant attach', 'fail'],
      ['Collections', 'unknown'],
      ['Permissions', 'warn'],
      ['Defender for Endpoint', 'pass'],
      ['Cloud', 'pass'],
    ]);
  });

  it('orders the rules inside an area by status', () => {
    expect(report.areas[0]?.rules.map((rule) => rule.status)).toEqual(['fail', 'pass']);
  });

  it('lists a rule shared by both profiles once', () => {
    const ids = report.areas.flatMap((area) => area.rules.map((rule) => rule.id));
    expect(ids).toHaveLength(new Set(ids).size);
    expect(report.counts).toEqual({ fail: 2, unknown: 1, warn: 1, pass: 3 });
  });

  it('gives each profile its own verdict, judged on its own version rule', () => {
    expect(report.verdicts).toEqual([
      { profile: 'edr', verdict: 'not-ready' },
      { profile: 'antivirus', verdict: 'not-ready' },
    ]);
    expect(report.verdict).toBe('not-ready');
  });
});
