import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { type AuditPageData, toAuditLogView } from '../../cards/views/audit-log-view.js';
import { createAuditSubjects } from '../../core/activity/audit-subjects.js';
import { readAuditPage, type AuditPage } from '../../core/audit/audit-query.js';
import type { AuditSubjects } from '../../core/audit/audit-subject.js';
import type { AppServices } from '../app-services.js';

export const AUDIT_PAGE_SIZE = 10;

/** What entries name, looked up by id in the run and approval stores (compacted runs from their tombstones). */
export function auditSubjectsOf(services: AppServices): AuditSubjects {
  return createAuditSubjects({ runs: services.runs.store, approvals: services.approvals.store });
}

/** One page of the log for a card position: reads the page's entries and what they name, nothing more. */
export function readAuditLogPage(
  services: AppServices,
  position: AuditPageData,
  subjects: AuditSubjects = auditSubjectsOf(services),
): Promise<AuditPage> {
  return readAuditPage(services.audit, subjects, {
    filter: {
      ...(position.user ? { user: position.user } : {}),
      ...(position.policy ? { policy: position.policy } : {}),
      ...(position.sinceMs !== undefined ? { since: new Date(position.sinceMs) } : {}),
      hideSteps: position.steps !== true,
    },
    ...(position.before ? { before: position.before } : {}),
    pageSize: AUDIT_PAGE_SIZE,
  });
}

export function auditLogCardOf(services: AppServices, page: AuditPage, position: AuditPageData): AdaptiveCard {
  return renderCard('audit-log', toAuditLogView(page, position, services.clock.now()));
}

/** The card for one page; the audit.page buttons rebuild it from the data they carry (filters and position only). */
export async function auditLogCard(services: AppServices, position: AuditPageData): Promise<AdaptiveCard> {
  return auditLogCardOf(services, await readAuditLogPage(services, position), position);
}
