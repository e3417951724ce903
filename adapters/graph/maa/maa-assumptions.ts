/**
 * Every Multi Admin Approval detail the reference note (../shared/reference/maa.md) does NOT confirm, in one place.
 * The header names, the 403 `ApprovalRequired` answer, the 1,024-character limit and the request statuses are [DOC] and
 * live with the code that uses them; what follows is our reading where the note is silent or marks [U].
 */

/**
 * The approval code inside an error body, when the `x-msft-approval-code` header is missing. maa.md "Corrections and
 * field evidence": Microsoft's own example message reads `… x-msft-approval-code: <guid>` [DOC]; the older wording
 * "Approval code: <guid>" is our reading [U]. Between the name and the GUID we allow a few non-alphanumerics, so the
 * code is also found inside Intune's JSON nested as a string in `error.message` (quotes and escapes in between).
 */
export const APPROVAL_CODE_IN_TEXT =
  /(?:x-msft-approval-code|approval[ _-]?code)[^0-9a-z]{0,16}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/**
 * maa.md "One request per entity": a second write to an entity with a pending request is refused; field reports give
 * 409 with this message [U for the wording, which is all there is to recognise it by].
 */
export const ACTIVE_REQUEST_IN_TEXT = /active approval request already exists/i;

/**
 * `retrieveRequestStatus {entityId, entityType}` (maa.md): the value of `entityType` is not documented. Public admin
 * tooling reports that only Intune's fully qualified internal name works (`Microsoft.Management.Services.Api.MobileApp`
 * for apps) and that short forms return a bogus `requestId` that 404s; the names for settings-catalog policies below
 * are our guess by analogy [U], tried in this order, and an answer is trusted only when its request can be read.
 * Keyed by the collection under `/deviceManagement/`; a write elsewhere cannot be matched to its pending request.
 */
export const APPROVAL_ENTITY_TYPES: Readonly<Record<string, readonly string[]>> = {
  configurationPolicies: [
    'Microsoft.Management.Services.Api.DeviceManagementConfigurationPolicy',
    'microsoft.graph.deviceManagementConfigurationPolicy',
    'deviceManagementConfigurationPolicy',
  ],
};

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
