import { DOC_LINKS } from './doc-links.js';
import { FIXED_RELEASE, regressionExposure } from './edr-regression-2503.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

const RULE: RuleBase = {
  id: 'configmgr.version.edr-co-management',
  area: 'ConfigMgr version',
  title: 'EDR policies reach tenant-attached clients that are not co-managed',
  docLink: DOC_LINKS.hotfix2603,
};

const FIX = `Update the site to Configuration Manager ${FIXED_RELEASE} or later (Administration > Updates and Servicing), which fixes the regression. Until then, EDR policies from Intune reach only clients that are also co-managed.`;

/** graph-intune.md §11.7: the 2503 regression, fixed in 2603, for clients tenant attached without co-management. */
export function edrCoManagementRegressionRule(facts: PrerequisiteFacts): RuleResult {
  if (facts.site.status !== 'read') return unreadable(RULE, facts.site);
  const updates = facts.updates.status === 'read' ? facts.updates.value : [];
  const exposure = regressionExposure(facts.site.value, updates);
  if (exposure.kind === 'not-affected') {
    return {
      ...RULE,
      status: 'pass',
      evidence: `The site is ${exposure.release === undefined ? 'on a release' : `on current branch ${exposure.release}`}, outside 2503–2509, the releases with this regression.`,
    };
  }
  const where =
    exposure.kind === 'affected'
      ? `The site is on current branch ${exposure.release}`
      : `The site is on build ${exposure.build}, 2503 or later, and no installed update names its release (2503–2509 have the regression, ${FIXED_RELEASE} fixes it)`;
  const attach = facts.tenantAttach.status === 'read' ? facts.tenantAttach.value : undefined;
  const coManaged = attach?.allClientsCoManaged;
  if (attach?.attached === true && coManaged === true) {
    return {
      ...RULE,
      status: 'pass',
      evidence: `${where}, but every client is co-managed, so the regression does not apply.`,
    };
  }
  const clients =
    attach?.attached !== true
      ? 'once tenant attached, clients that are not co-managed will not apply EDR policies from Intune'
      : coManaged === false
        ? 'and some tenant-attached clients are not co-managed: EDR policies from Intune do not apply to them'
        : 'and whether every tenant-attached client is co-managed could not be read: clients that are not co-managed do not apply EDR policies from Intune';
  return { ...RULE, status: 'warn', evidence: `${where}, ${clients}.`, fix: FIX };
}
