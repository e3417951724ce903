import type { AdaptiveCard } from '../../cards/adaptive-card.js';
import { renderCard } from '../../cards/render.js';
import { type AuditPageData, toAuditLogView } from '../../cards/views/audit-log-view.js';
import { createAuditSubjects } from '../../core/activity/audit-subjects.js';
import { readAuditPage } from '../../core/audit/audit-query.js';
import type { AppServices } from '../app-services.js';

export const AUDIT_PAGE_SIZE = 10;

/** The card for one page; the audit.page buttons rebuild it from the data they carry (filters and position only). */
export async function auditLogCard(services: AppServices, position: AuditPageData): Promise<AdaptiveCard> {
  const subjects = createAuditSubjects({ runs: services.runs.store, approvals: services.approvals.store });
  const page = await readAuditPage(services.audit, subjects, {
    filter: {
      ...(position.user ? { user: position.user } : {}),
      ...(position.policy ? { policy: position.policy } : {}),
      ...(position.sinceMs !== undefined ? { since: new Date(position.sinceMs) } : {}),
      hideSteps: position.steps !== true,
    },
    ...(position.before ? { before: position.before } : {}),
    pageSize: AUDIT_PAGE_SIZE,
  });
  return renderCard('audit-log', toAuditLogView(page, position, services.clock.now()));
}
