import { ELIGIBILITY_READ_PERMISSION } from '../ports/directory.js';
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
  if (fact.value.active)
    return {
      ...GLOBAL_ADMIN,
      status: 'pass',
      evidence: `${who} holds the Global Administrator role (directly or through a group).`,
    };
  const status = purpose === 'attach' ? 'fail' : 'warn';
  const onlyAttach = purpose === 'attach' ? '' : '; only tenant attach needs it';
  const eligibility = fact.value.eligibility;
  if (eligibility.status === 'read' && eligibility.value === 'eligible')
    return {
      ...GLOBAL_ADMIN,
      status,
      evidence: `${who} is eligible for the Global Administrator role in Privileged Identity Management but has not activated it${onlyAttach}.`,
      fix: 'Activate the role in Privileged Identity Management, then check again.',
    };
  if (eligibility.status === 'read' && eligibility.value === 'not-eligible')
    return {
      ...GLOBAL_ADMIN,
      status,
      evidence: `${who} does not hold the Global Administrator role, directly or through a group${onlyAttach}.`,
      fix: NOT_GLOBAL_ADMINISTRATOR_FIX,
    };
  const unread =
    eligibility.status === 'read'
      ? `AttachOps may not read Privileged Identity Management eligibility (it lacks ${ELIGIBILITY_READ_PERMISSION})`
      : eligibility.status === 'failed'
        ? eligibility.failure.reason
        : eligibility.reason;
  return {
    ...GLOBAL_ADMIN,
    status,
    evidence: `${who} has no active Global Administrator role: either ${who} is not a Global Administrator, or is eligible in Privileged Identity Management but has not activated the role${onlyAttach}. ${endSentence(unread)}`,
    fix: `If you are eligible, activate the role in Privileged Identity Management, then check again; otherwise: ${NOT_GLOBAL_ADMINISTRATOR_FIX} To tell the two apart, grant the AttachOps app the Graph application permission ${ELIGIBILITY_READ_PERMISSION} (optional; see the admin guide).`,
  };
}

const NOT_GLOBAL_ADMINISTRATOR_FIX =
  'Ask a Global Administrator to run attach (the Co-management / Cloud Attach wizard signs in as a Global Administrator), or have the role assigned to you in Microsoft Entra ID > Roles and administrators.';

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
