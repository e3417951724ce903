import type { SiteInfo, UpdatePackage } from '../ports/configmgr-gateway.js';
import { DOC_LINKS } from './doc-links.js';
import type { Fact } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { RuleResult } from './rule-result.js';

export const HOTFIX_KB = 'KB4563473';
export const HOTFIX_TITLE = 'Configuration Manager 2002 Hotfix (KB4563473)';
/** SMS_CM_UpdatePackages.State 0x00030004 INSTALL_SUCCESS (configmgr-adminservice.md §2). */
export const UPDATE_INSTALLED_STATE = 196612;
const UPDATE_STATE_NAMES: ReadonlyMap<number, string> = new Map([
  [262146, 'downloaded, not installed'],
  [UPDATE_INSTALLED_STATE, 'installed'],
]);

const HOTFIX_FIX =
  `Install "${HOTFIX_TITLE}": in the Configuration Manager console go to Administration > Updates and Servicing, ` +
  'select the hotfix, then click Install Update Pack in the ribbon (click Check for Updates first if it is not listed). ' +
  'Upgrading the site to 2006 or later also works, and is needed for Antivirus policy anyway.';

/** Current branch 2002 supports EDR policy only with the in-console hotfix installed, in current or history packages. */
export function hotfixVerdict(base: RuleBase, site: SiteInfo, updates: Fact<readonly UpdatePackage[]>): RuleResult {
  const hotfixBase = { ...base, docLink: DOC_LINKS.installUpdate };
  if (updates.status !== 'read') return unreadable(hotfixBase, updates);
  const on2002 = `Site ${site.siteCode} runs current branch 2002 (build ${site.buildNumber})`;
  const rows = updates.value.filter((update) => update.name.toUpperCase().includes(HOTFIX_KB));
  const installed = rows.find(isInstalled);
  if (installed) {
    const where = installed.source === 'history' ? 'update history' : 'Updates and Servicing';
    return {
      ...hotfixBase,
      status: 'pass',
      evidence: `${on2002} with ${installed.name} installed (State ${installed.state}, in ${where}).`,
    };
  }
  const superseding = updates.value.find(
    (update) => isInstalled(update) && rows.some((row) => row.supersededBy.includes(update.name)),
  );
  if (superseding) {
    return {
      ...hotfixBase,
      status: 'warn',
      evidence: `${on2002}; ${HOTFIX_KB} is not installed but is superseded by ${superseding.name}, which is installed. Whether that carries the fix is not documented.`,
      fix: HOTFIX_FIX,
    };
  }
  const found = rows[0];
  const state =
    found === undefined
      ? `${HOTFIX_KB} is not listed in Updates and Servicing`
      : `${found.name} is ${describeState(found.state)}`;
  return {
    ...hotfixBase,
    status: 'fail',
    evidence: `${on2002}, and ${state}; EDR policy on 2002 needs ${HOTFIX_KB}.`,
    fix: HOTFIX_FIX,
  };
}

function isInstalled(update: UpdatePackage): boolean {
  return update.state === UPDATE_INSTALLED_STATE;
}

function describeState(state: number): string {
  return `${UPDATE_STATE_NAMES.get(state) ?? 'not installed'} (State ${state})`;
}
