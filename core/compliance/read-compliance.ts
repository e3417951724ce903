import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { PolicyListItem } from '../policy/managed-policy.js';
import type { PolicyProfile, PolicyTarget } from '../policy/policy-draft.js';
import type { TenantServices } from '../tenant-services.js';
import { aggregateDeviceRows } from './aggregate-device-rows.js';
import type { ComplianceSnapshot, PolicyCompliance } from './compliance-snapshot.js';
import { mapBounded } from './map-bounded.js';
import { readDeviceStatuses } from './read-device-statuses.js';

/** Intune reports read at once; each pages on its own, so this bounds the requests in flight. */
export const INTUNE_REPORT_CONCURRENCY = 4;

export type ComplianceTenant = Pick<TenantServices, 'policies' | 'intuneCollections' | 'complianceReports' | 'time'>;

export interface ComplianceQuery {
  /** Only these policies; every AttachOps-managed policy when absent or empty. */
  readonly policyIds?: readonly string[];
}

interface TargetedPolicy {
  readonly item: PolicyListItem;
  readonly target: PolicyTarget;
}

/**
 * Numbers for the AttachOps-managed endpoint security policies: ConfigMgr-targeted ones from ONE getPolicySummaries call
 * (the adapter batches 20 per $batch), Intune ones from their device reports, a few at a time.
 */
export async function readCompliance(
  tenant: ComplianceTenant,
  clock: Clock,
  log: Logger,
  query: ComplianceQuery = {},
): Promise<ComplianceSnapshot> {
  const wanted = query.policyIds && query.policyIds.length > 0 ? new Set(query.policyIds) : undefined;
  const listed = await tenant.policies.list({ managedOnly: true });
  const policies = listed.flatMap((item): TargetedPolicy[] => {
    const target = targetOf(item);
    return target && (!wanted || wanted.has(item.id)) ? [{ item, target }] : [];
  });
  const configMgr = policies.filter((policy) => policy.target === 'configmgr');
  const intune = policies.filter((policy) => policy.target === 'intune');
  const [fromSummaries, fromReports] = await Promise.all([
    readConfigMgr(tenant, configMgr, log),
    readIntune(tenant, intune, log),
  ]);
  const byId = new Map([...fromSummaries, ...fromReports].map((policy) => [policy.policyId, policy]));
  // The reports' own time: the tenant's clock when they answered (the bot's clock only where the tenant tells none).
  return { takenAt: (tenant.time ?? clock).now(), policies: policies.flatMap(({ item }) => byId.get(item.id) ?? []) };
}

export function targetOf(item: PolicyListItem): PolicyTarget | undefined {
  if (item.kind === undefined) return undefined;
  return item.kind.startsWith('configmgr-') ? 'configmgr' : 'intune';
}

function profileOf(item: PolicyListItem): { profile?: PolicyProfile } {
  if (item.kind === undefined) return {};
  return { profile: item.kind.slice(item.kind.indexOf('-') + 1) };
}

async function readConfigMgr(
  tenant: ComplianceTenant,
  policies: readonly TargetedPolicy[],
  log: Logger,
): Promise<PolicyCompliance[]> {
  if (policies.length === 0) return [];
  try {
    const outcomes = await tenant.intuneCollections.getPolicySummaries(policies.map(({ item }) => item.id));
    const byId = new Map(outcomes.map((outcome) => [outcome.policyId, outcome]));
    return policies.map(({ item }) => {
      const outcome = byId.get(item.id);
      const base = { policyId: item.id, name: item.name, target: 'configmgr' as const, ...profileOf(item) };
      if (outcome?.ok) return { ...base, result: { ok: true, counts: outcome.counts } };
      log.warn({ policyId: item.id, err: outcome?.error }, 'ConfigMgr policy summary could not be read');
      return { ...base, result: { ok: false, message: outcome?.error.message ?? 'no summary was returned' } };
    });
  } catch (error) {
    log.error({ err: error, policies: policies.length }, 'ConfigMgr policy summaries could not be read');
    const message = error instanceof Error ? error.message : String(error);
    return policies.map(({ item }) => ({
      policyId: item.id,
      name: item.name,
      target: 'configmgr',
      ...profileOf(item),
      result: { ok: false, message },
    }));
  }
}

async function readIntune(
  tenant: ComplianceTenant,
  policies: readonly TargetedPolicy[],
  log: Logger,
): Promise<PolicyCompliance[]> {
  return mapBounded(policies, INTUNE_REPORT_CONCURRENCY, async ({ item }): Promise<PolicyCompliance> => {
    const base = { policyId: item.id, name: item.name, target: 'intune' as const, ...profileOf(item) };
    try {
      const devices = await readDeviceStatuses(tenant.complianceReports, item.id);
      return { ...base, result: { ok: true, counts: aggregateDeviceRows(devices) }, devices };
    } catch (error) {
      log.warn({ policyId: item.id, err: error }, 'Intune policy report could not be read');
      return { ...base, result: { ok: false, message: error instanceof Error ? error.message : String(error) } };
    }
  });
}
