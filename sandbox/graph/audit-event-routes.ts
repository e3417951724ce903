import type { Router } from '../http/router.js';
import { badRequest } from './graph-errors.js';
import { type GraphContext, graphRoute } from './graph-context.js';
import { pageOf } from './paging.js';

const CLAUSE = /^activityDateTime\s+(gt|ge|lt|le)\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/i;

/**
 * `GET deviceManagement/auditEvents` (DOC: list auditEvents; graph-intune.md §12.5): `$filter` on `activityDateTime`
 * only (unquoted DateTimeOffset literals, clauses joined by `and`), oldest first. Any other filter is 400, a sandbox
 * choice (the service's full filter support is not in the notes).
 */
export function registerAuditEventRoutes(router: Router, ctx: GraphContext): void {
  graphRoute(router, ctx, 'GET', '/deviceManagement/auditEvents', (req) => {
    const filter = req.query.get('$filter');
    const bounds: ((at: number) => boolean)[] = [];
    for (const clause of filter ? filter.split(/\s+and\s+/i) : []) {
      const match = CLAUSE.exec(clause.trim());
      if (!match) return badRequest(req, `Invalid filter clause: '${clause}'. Only activityDateTime can be filtered.`);
      const limit = Date.parse(match[2] ?? '');
      const op = (match[1] ?? '').toLowerCase();
      bounds.push((at) =>
        op === 'gt' ? at > limit : op === 'ge' ? at >= limit : op === 'lt' ? at < limit : at <= limit,
      );
    }
    const events = ctx
      .world()
      .auditEvents.list()
      .filter((event) => bounds.every((within) => within(Date.parse(String(event.activityDateTime)))));
    return pageOf(req, [...events], 'deviceManagement/auditEvents');
  });
}
