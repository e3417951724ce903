import { BUILD_2006, describeBuild } from './configmgr-releases.js';
import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { UPDATE_INSTALLED_STATE } from './hotfix-kb4563473.js';
import { unreadable } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

/**
 * A profile that needs current branch 2006 with a hotfix (Firewall: KB4578605, graph-intune.md §11.8). On 2006 the
 * hotfix is looked for in Updates and Servicing and its history; a later release is taken to include it (INFERRED:
 * current branch releases roll up the earlier hotfixes; listed in core/policy/catalog/unconfirmed.ts).
 */
export function hotfixOn2006Rule(id: string, what: string, kb: string, facts: PrerequisiteFacts): RuleResult {
  const base = {
    id: `configmgr.hotfix.${id}`,
    area: 'ConfigMgr version' as const,
    title: `ConfigMgr hotfix ${kb} for ${what} policy`,
    docLink: DOC_LINKS.installUpdate,
  };
  if (facts.site.status !== 'read') return unreadable(base, facts.site);
  const site = facts.site.value;
  const runs = `Site ${site.siteCode} runs ${describeBuild(site.buildNumber)}`;
  if (site.buildNumber < BUILD_2006 || site.branch === 'technicalPreview')
    return {
      ...base,
      status: 'unknown',
      evidence: `${runs}; ${kb} applies to 2006, judged by the version rule above.`,
    };
  if (site.buildNumber > BUILD_2006)
    return { ...base, status: 'pass', evidence: `${runs}; releases after 2006 include ${kb}.` };
  if (facts.updates.status !== 'read') return unreadable(base, facts.updates);
  const installed = facts.updates.value.find(
    (update) => update.name.toUpperCase().includes(kb.toUpperCase()) && update.state === UPDATE_INSTALLED_STATE,
  );
  return installed
    ? { ...base, status: 'pass', evidence: `${runs} with ${installed.name} installed.` }
    : {
        ...base,
        status: 'fail',
        evidence: `${runs}, and ${kb} is not installed; ${what} policy on 2006 needs it.`,
        fix: `Install ${kb}: in the Configuration Manager console go to Administration > Updates and Servicing, select it, then click Install Update Pack (Check for Updates first if it is not listed).`,
      };
}
