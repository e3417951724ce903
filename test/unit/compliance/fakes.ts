import type { ComplianceTenant } from '../../../core/compliance/read-compliance.js';
import type { ComplianceReports, DeviceStatusRow } from '../../../core/ports/compliance-reports.js';
import type { EndpointSecurityPolicies } from '../../../core/ports/endpoint-security-policies.js';
import type { IntuneCollections, PolicyDeviceCounts } from '../../../core/ports/intune-collections.js';
import type { PolicyListItem } from '../../../core/policy/managed-policy.js';
import type { PolicyKind } from '../../../core/policy/policy-draft.js';

export function policyId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

export function counts(compliant: number, nonCompliant = 0, failed = 0, pending = 0): PolicyDeviceCounts {
  return {
    targeted: compliant + nonCompliant + failed + pending,
    compliant,
    nonCompliant,
    failed,
    pending,
    enforced: compliant + nonCompliant,
  };
}

/** An in-memory tenant with just what compliance reads, counting every call. */
export class FakeComplianceTenant implements ComplianceTenant {
  readonly listed: PolicyListItem[] = [];
  readonly summaries = new Map<string, PolicyDeviceCounts | Error>();
  readonly reports = new Map<string, DeviceStatusRow[] | Error>();
  readonly summaryCalls: (readonly string[])[] = [];
  readonly reportCalls: { policyId: string; skip: number; top: number }[] = [];
  inFlightReports = 0;
  maxInFlightReports = 0;
  private nextId = 1;

  addPolicy(name: string, kind: PolicyKind, managed = true): string {
    const id = policyId(this.nextId++);
    this.listed.push({ id, name, description: '', kind, managedByAttachOps: managed, isAssigned: true });
    return id;
  }

  get policies(): EndpointSecurityPolicies {
    const list = async (filter?: { managedOnly?: boolean }) =>
      this.listed.filter((item) => !filter?.managedOnly || item.managedByAttachOps);
    return { list } as unknown as EndpointSecurityPolicies;
  }

  get intuneCollections(): IntuneCollections {
    return {
      listSyncedCollections: async () => ({ items: [] }),
      findSyncedCollections: async () => [],
      getPolicySummaries: async (ids) => {
        this.summaryCalls.push([...ids]);
        return ids.map((id) => {
          const summary = this.summaries.get(id) ?? new Error(`no summary for ${id}`);
          return summary instanceof Error
            ? { policyId: id, ok: false as const, error: summary }
            : { policyId: id, ok: true as const, counts: summary };
        });
      },
    };
  }

  get complianceReports(): ComplianceReports {
    return {
      getPolicyDeviceStatuses: async (id, page) => {
        this.reportCalls.push({ policyId: id, ...page });
        this.inFlightReports += 1;
        this.maxInFlightReports = Math.max(this.maxInFlightReports, this.inFlightReports);
        await new Promise((resolve) => setImmediate(resolve));
        this.inFlightReports -= 1;
        const rows = this.reports.get(id) ?? [];
        if (rows instanceof Error) throw rows;
        const slice = rows.slice(page.skip, page.skip + page.top);
        const nextSkip = page.skip + slice.length;
        return {
          total: rows.length,
          rows: slice,
          ...(nextSkip < rows.length ? { next: { skip: nextSkip, top: page.top } } : {}),
        };
      },
    };
  }
}

export function deviceRows(statuses: Readonly<Record<string, number>>): DeviceStatusRow[] {
  const rows: DeviceStatusRow[] = [];
  for (const [status, count] of Object.entries(statuses)) {
    for (let index = 0; index < count; index += 1) {
      rows.push({
        deviceName: `${status.replace(/\s/g, '')}-${String(index).padStart(3, '0')}`,
        status,
        userPrincipalName: `user${index}@contoso.com`,
        lastReported: new Date('2026-11-23T08:00:00Z'),
      });
    }
  }
  return rows;
}
