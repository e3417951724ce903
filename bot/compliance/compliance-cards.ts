import { normalizeObjectId } from '../../core/identity/object-id.js';
import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { toComplianceDevicesView } from '../../cards/views/compliance-devices-view.js';
import { toCompliancePolicyView } from '../../cards/views/compliance-policy-view.js';
import { toComplianceSummaryView } from '../../cards/views/compliance-summary-view.js';
import type { ComplianceSnapshot } from '../../core/compliance/compliance-snapshot.js';
import { nonCompliantDevicesPage } from '../../core/compliance/non-compliant-devices.js';
import { PostedNumbersStore, summaryStreamKey } from '../../core/compliance/posted-numbers.js';
import { type ComplianceTenant, readCompliance, targetOf } from '../../core/compliance/read-compliance.js';
import { readDeviceStatuses } from '../../core/compliance/read-device-statuses.js';
import { summarize, toSummaryRow } from '../../core/compliance/summary-model.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Storage } from '../../core/ports/storage.js';
import type { PolicyListItem } from '../../core/policy/managed-policy.js';
import { UserFacingError } from '../../core/user-facing-error.js';
import type { AppServices } from '../app-services.js';
import { requireTenant } from '../context/require-tenant.js';

/** Ten policies with a donut each stay near 12 KB, well below Teams' 28 KB card limit. */
export const SUMMARY_PAGE_SIZE = 10;
/** The highest summary page the compliance command and the page buttons accept. */
export const MAX_COMPLIANCE_PAGE = 1000;

export interface ComplianceCardContext {
  readonly tenant: ComplianceTenant;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly log: Logger;
  readonly conversationId: string;
}

/** What the compliance cards read with, for a conversation, from the bot's services. */
export function complianceCardContext(
  services: AppServices,
  conversationId: string,
  log: Logger,
): ComplianceCardContext {
  return { tenant: requireTenant(services), storage: services.storage, clock: services.clock, log, conversationId };
}

export interface SummaryRequest {
  readonly page: number;
  /** Another page of a summary already posted: compare with the summary before it, and record nothing. */
  readonly samePost: boolean;
  readonly policyIds?: readonly string[];
  readonly subscriptionId?: string;
  readonly title?: string;
  /** Numbers already read (a scheduled round reads once for every conversation due). */
  readonly snapshot?: ComplianceSnapshot;
}

/** A page of the summary for one conversation; a new summary also becomes the baseline of the next one. */
export async function summaryCard(context: ComplianceCardContext, request: SummaryRequest): Promise<AdaptiveCard> {
  const { card, remember } = await prepareSummaryCard(context, request);
  await remember();
  return card;
}

/** The card, and how to make it the conversation's baseline once it has been delivered. */
export async function prepareSummaryCard(
  context: ComplianceCardContext,
  request: SummaryRequest,
): Promise<{ card: AdaptiveCard; remember: () => Promise<void> }> {
  const snapshot =
    request.snapshot ??
    (await readCompliance(
      context.tenant,
      context.clock,
      context.log,
      request.policyIds ? { policyIds: request.policyIds } : {},
    ));
  const posted = new PostedNumbersStore(context.storage);
  const stream = summaryStreamKey(context.conversationId, request.subscriptionId);
  const previous = { samePost: request.samePost };
  const [baseline, previousPostAt] = await Promise.all([
    posted.baseline(stream, previous),
    posted.previousPostAt(stream, previous),
  ]);
  const summary = summarize(snapshot, baseline, request.page, SUMMARY_PAGE_SIZE, previousPostAt);
  const card = renderCard(
    'compliance-summary',
    toComplianceSummaryView(summary, {
      now: context.clock.now(),
      ...(request.title ? { title: request.title } : {}),
      ...(request.subscriptionId ? { subscriptionId: request.subscriptionId } : {}),
    }),
  );
  const remember = async (): Promise<void> => {
    if (!request.samePost) await posted.record(stream, snapshot, context.clock.now());
  };
  return { card, remember };
}

/**
 * One policy in detail, by id or exact name among the AttachOps-managed ones, compared with the last `compliance`
 * summary in this conversation. It records nothing: it is not a post of that summary.
 */
export async function policyComplianceCard(context: ComplianceCardContext, typed: string): Promise<AdaptiveCard> {
  const policy = await findManagedPolicy(context.tenant, typed);
  const snapshot = await readCompliance(context.tenant, context.clock, context.log, { policyIds: [policy.id] });
  const compliance = snapshot.policies[0];
  if (!compliance) throw notManaged(typed);
  const baseline = await new PostedNumbersStore(context.storage).baseline(summaryStreamKey(context.conversationId));
  const row = toSummaryRow(compliance, baseline);
  return renderCard('compliance-policy', toCompliancePolicyView(row, snapshot.takenAt, context.clock.now()));
}

/**
 * The drill-in: non-compliant devices of an Intune policy. The card sent only the policy id and a page, so whether the
 * policy may be shown is decided here again: it must be AttachOps-managed and Intune-enforced.
 */
export async function nonCompliantDevicesCard(
  context: ComplianceCardContext,
  policyId: string,
  page: number,
): Promise<AdaptiveCard> {
  const managed = await context.tenant.policies.list({ managedOnly: true });
  const policy = managed.find((item) => item.id === policyId);
  if (!policy) throw notManaged(policyId);
  if (targetOf(policy) !== 'intune') return policyComplianceCard(context, policy.id);
  const rows = await readDeviceStatuses(context.tenant.complianceReports, policy.id);
  const takenAt = (context.tenant.time ?? context.clock).now();
  const view = toComplianceDevicesView(
    nonCompliantDevicesPage({ policyId: policy.id, policyName: policy.name, takenAt }, rows, page),
    context.clock.now(),
  );
  return renderCard('compliance-devices', view);
}

export async function findManagedPolicy(tenant: ComplianceTenant, typed: string): Promise<PolicyListItem> {
  const wanted = typed.trim().toLowerCase();
  const managed = (await tenant.policies.list({ managedOnly: true })).filter((item) => targetOf(item) !== undefined);
  const byId = managed.find((item) => item.id.toLowerCase() === wanted);
  if (byId) return byId;
  const named = managed.filter((item) => item.name.trim().toLowerCase() === wanted);
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) {
    throw new UserFacingError(
      `${named.length} policies are named "${typed}"`,
      named
        .slice(0, 10)
        .map((item) => `- ${item.id}: ${item.name}`)
        .join('\n'),
      'Use the id of the one you mean.',
    );
  }
  throw notManaged(typed);
}

/** A policy id is not read back to the user (a button carries it, nobody typed it); a name is. */
function notManaged(typed: string): UserFacingError {
  return new UserFacingError(
    'Policy not found',
    normalizeObjectId(typed) === undefined
      ? `No endpoint security policy managed by AttachOps has the id or the exact name "${typed}".`
      : 'No endpoint security policy managed by AttachOps has that id: it may have been deleted or taken out of AttachOps.',
    'Type compliance to see every managed policy, or policy list to find its exact name.',
  );
}
