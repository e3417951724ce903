import { accessPoliciesHoldingAttachOps } from '../../core/prerequisites/maa-rule.js';
import type { Clock } from '../../core/ports/clock.js';
import type { IntuneApprovals } from '../../core/ports/intune-approvals.js';
import type { Logger } from '../../core/ports/logger.js';

/** Access policies change rarely; the approval card reads them at most this often. */
const FORECAST_TTL_MS = 5 * 60_000;

/**
 * Whether Intune will hold the change an approval card asks for, from the tenant's Multi Admin Approval access
 * policies (what `check` lists): the line the approval card shows before anyone approves, '' when none holds it or
 * the policies cannot be read (the hold itself, if it comes, is shown either way).
 */
export class IntuneHoldForecast {
  private cached: { at: number; line: Promise<string> } | undefined;

  constructor(
    private readonly approvals: Pick<IntuneApprovals, 'listAccessPolicies'>,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  line(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < FORECAST_TTL_MS) return this.cached.line;
    const line = this.read();
    this.cached = { at: now, line };
    return line;
  }

  private async read(): Promise<string> {
    try {
      const holding = accessPoliciesHoldingAttachOps(await this.approvals.listAccessPolicies());
      if (holding.length === 0) return '';
      const groups = [...new Set(holding.flatMap((policy) => policy.approverGroups))];
      const who = groups.length > 0 ? ` (${groups.join(', ')})` : '';
      return `Intune will hold this change for a second Intune administrator${who}: its Multi Admin Approval protects configuration policies. After the approval here, AttachOps waits for theirs and says when Intune holds it.`;
    } catch (error) {
      this.cached = undefined;
      this.log.debug({ error: String(error) }, 'access policies not readable for the approval card');
      return '';
    }
  }
}
