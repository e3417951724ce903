/**
 * The Intune admin center's Multi Admin Approval page (Tenant administration > Multi Admin Approval), where an Intune
 * admin in the approver group decides. Not in maa.md: the deep link is our reading of the admin center [U]; one
 * constant, so a move is one edit (listed with the other guesses in adapters/graph/maa/maa-assumptions.ts).
 */
export const MAA_ADMIN_CENTER_URL =
  'https://intune.microsoft.com/#view/Microsoft_Intune_DeviceSettings/TenantAdminMenu/~/multiAdminApproval';
