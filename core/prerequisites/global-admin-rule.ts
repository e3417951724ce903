import { DOC_LINKS } from './doc-links.js';
import type { PrerequisiteFacts } from './facts.js';
import { unreadable, type RuleBase } from './rule-base.js';
import type { CheckPurpose, RuleResult } from './rule-result.js';

const GLOBAL_ADMIN: RuleBase = {
  id: 'permissions.global-administrator',
  area: 'Permissions',
  title: 'You are a Global Administrator',
  docLink: DOC_LINKS.generalRequirements,
};

/** Onboarding tenant attach needs a Global Administrator sign-in; a plain report only warns, since only attach needs it. */
export function globalAdministratorRule(facts: PrerequisiteFacts, purpose: CheckPurpose): RuleResult {
  const who = facts.requester.name;
  if (facts.requester.aadObjectId === undefined) {
    return {
      ...GLOBAL_ADMIN,
      status: 'unknown',
      evidence: `Teams did not send an Azure AD object id for ${who} (a guest or anonymous user?), so your roles cannot be looked up.`,
      fix: 'Run check from a Teams account in this tenant, or ask a Global Administrator to run it.',
    };
  }
  const fact = facts.globalAdministrator;
  if (fact.status !== 'read') return unreadable(GLOBAL_ADMIN, fact);
  if (fact.value)
    return {
      ...GLOBAL_ADMIN,
      status: 'pass',
      evidence: `${who} holds the Global Administrator role (directly or through a group).`,
    };
  return {
    ...GLOBAL_ADMIN,
    status: purpose === 'attach' ? 'fail' : 'warn',
    evidence: `${who} does not hold the Global Administrator role, directly or through a group${purpose === 'attach' ? '' : '; only tenant attach needs it'}.`,
    fix: 'Ask a Global Administrator to run attach (the Co-management / Cloud Attach wizard signs in as a Global Administrator), or have the role assigned to you in Microsoft Entra ID > Roles and administrators.',
  };
}
