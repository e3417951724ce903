import type { PolicyProfile } from '../../core/policy/policy-draft.js';

const SECURITY_MENU = 'https://intune.microsoft.com/#view/Microsoft_Intune_Workflows/SecurityManagementMenu/~';

/**
 * Where an admin sees a ConfigMgr-targeted policy's status, since Graph gives no per-device detail for those
 * (graph-intune.md §6.1: the device-level report's columns are undocumented): the admin center's page for the policy's
 * profile (Endpoint security > Endpoint detection and response, or > Antivirus). One place, so a move is one edit.
 */
export const INTUNE_ADMIN_CENTER_PROFILE_PAGES: Readonly<Partial<Record<PolicyProfile, string>>> = {
  edr: `${SECURITY_MENU}/edr`,
  antivirus: `${SECURITY_MENU}/antivirus`,
};

/** Endpoint security overview, for a policy whose profile is not known. */
export const INTUNE_ADMIN_CENTER_ENDPOINT_SECURITY_URL = `${SECURITY_MENU}/overview`;

export function adminCenterPolicyReportUrl(profile: PolicyProfile | undefined): string {
  return profile === undefined
    ? INTUNE_ADMIN_CENTER_ENDPOINT_SECURITY_URL
    : (INTUNE_ADMIN_CENTER_PROFILE_PAGES[profile] ?? INTUNE_ADMIN_CENTER_ENDPOINT_SECURITY_URL);
}

/**
 * GUESS (no reference note gives it; graph-intune.md has no admin center links): the admin center's page of one
 * settings-catalog or endpoint security policy, the `PolicySummaryBlade` of `Microsoft_Intune_Workflows` under the
 * same host and `#view/` form as the pages above. One place, so a move is one edit.
 */
export function adminCenterPolicyUrl(policyId: string): string {
  return `https://intune.microsoft.com/#view/Microsoft_Intune_Workflows/PolicySummaryBlade/policyId/${encodeURIComponent(policyId)}/isAssigned~/true/technology/mdm/templateId//platformName/windows10`;
}
