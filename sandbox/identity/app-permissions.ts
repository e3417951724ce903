/**
 * The Graph application permissions admin-consented to the bot's app in the sandbox tenant: the token endpoint puts
 * them in each token's `roles` claim, and routes that check a permission read that claim, so a token keeps the roles
 * it was issued with (as in Microsoft Entra ID, a change reaches the app with its next token). By default the
 * permissions docs/operations.md asks for; `POST /_sandbox/app/permissions` changes them until the next reset.
 */
export const DEFAULT_APP_PERMISSIONS: readonly string[] = [
  'DeviceManagementConfiguration.ReadWrite.All',
  'DeviceManagementApps.Read.All',
  'DeviceManagementServiceConfig.Read.All',
  'DeviceManagementRBAC.Read.All',
  'RoleManagement.Read.Directory',
  'Group.Read.All',
  'User.Read.All',
];

export class AppPermissions {
  private granted = new Set(DEFAULT_APP_PERMISSIONS);

  list(): string[] {
    return [...this.granted];
  }

  change(grant: readonly string[], revoke: readonly string[]): void {
    for (const permission of revoke) this.granted.delete(permission);
    for (const permission of grant) this.granted.add(permission);
  }

  reset(): void {
    this.granted = new Set(DEFAULT_APP_PERMISSIONS);
  }
}
