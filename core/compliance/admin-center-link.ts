/**
 * Where an admin sees a ConfigMgr-targeted policy's status, since Graph gives no per-device detail for those
 * (graph-intune.md §6.1: the device-level report's columns are undocumented). One constant, so a move is one edit.
 */
export const INTUNE_ADMIN_CENTER_POLICY_REPORT_URL =
  'https://intune.microsoft.com/#view/Microsoft_Intune_Workflows/SecurityManagementMenu/~/antivirus';
