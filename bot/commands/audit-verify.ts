import { z } from 'zod';
import { renderCard } from '../../cards/render.js';
import { toAuditVerifyView } from '../../cards/views/audit-verify-view.js';
import { verifyAuditLog } from '../../core/audit/verify-audit-log.js';
import { defineCommand } from '../context/command-context.js';

export const auditVerifyCommand = defineCommand({
  name: 'audit verify',
  summary:
    'Checks that no audit entry was changed, removed, reordered or inserted, and says where the log breaks if one was.',
  usage: 'audit verify',
  examples: ['audit verify'],
  positionals: [],
  args: z.object({}),
  changesTenant: false,
  role: 'admin',
  async run(_args, { services, log }) {
    const head = services.audit.knownHead();
    const verdict = await verifyAuditLog(services.audit.records(), head);
    log.info(
      verdict.intact
        ? { intact: true, entries: verdict.count }
        : {
            intact: false,
            kind: verdict.problem.kind,
            entryNumber: verdict.problem.entryNumber,
            where: verdict.problem.where,
          },
      'audit verified',
    );
    return renderCard('audit-verify', toAuditVerifyView(verdict, services.clock.now()));
  },
});
