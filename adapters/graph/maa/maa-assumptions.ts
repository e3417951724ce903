/**
 * Every Multi Admin Approval detail the reference note (../shared/reference/maa.md) does NOT confirm, in one place.
 * The header names, the 403 `ApprovalRequired` answer, the 1,024-character limit and the request statuses are [DOC] and
 * live with the code that uses them; what follows is our reading where the note is silent or marks [U].
 */

/** maa.md "The protocol" step 2 says the message text repeats the code; its wording is not documented. */
export const APPROVAL_CODE_IN_MESSAGE =
  /approval code[^0-9a-f]*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * maa.md lists `requestor` and `approver` on operationApprovalRequest without their type; we read them as an
 * identitySet (`{ user: { id, displayName } }`) like other Graph entities, and fall back to a plain display name.
 */
export function displayNameOfIdentity(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const user = record.user;
  if (typeof user === 'object' && user !== null) {
    const name = (user as Record<string, unknown>).displayName;
    if (typeof name === 'string' && name !== '') return name;
  }
  return typeof record.displayName === 'string' && record.displayName !== '' ? record.displayName : undefined;
}

/**
 * maa.md says an access policy can exclude an enterprise application but names no property for it. We look for an
 * array of application ids under these names; when none is present, `check` says the exclusion cannot be read.
 */
export const EXCLUDED_APP_PROPERTIES = ['excludedApplicationIds', 'excludedApps'] as const;

/** maa.md: the reference pages disagree on which permission each call needs [U]; we ask with the Read one. */
export const MAA_READ_PERMISSION = 'DeviceManagementRBAC.Read.All';

// Also a guess, kept with the card that shows it: cards/views/maa-admin-center.ts (the admin center deep link).
