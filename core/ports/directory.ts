export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly accountEnabled?: boolean;
}

export interface DirectoryGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description?: string;
  readonly securityEnabled?: boolean;
}

/**
 * Whether the user may activate Global Administrator in Privileged Identity Management (graph-intune.md §12.1):
 * `eligible` (an eligible assignment, to activate before it counts), `not-eligible`, or `not-permitted` when the app
 * may not read eligibility (403: it lacks RoleEligibilitySchedule.Read.Directory or a permission above it).
 */
export type RoleEligibility = 'eligible' | 'not-eligible' | 'not-permitted';

/** The least Graph application permission that reads PIM eligibility (graph-intune.md §12.1). */
export const ELIGIBILITY_READ_PERMISSION = 'RoleEligibilitySchedule.Read.Directory';

/** Azure AD as the bot needs it: who is a Global Administrator, who belongs where, which group a name means. */
export interface Directory {
  /** Direct and group-based (transitive) assignments of the Global Administrator role. */
  isGlobalAdministrator(userId: string): Promise<boolean>;
  /** Eligible (PIM) assignments of the Global Administrator role; active ones are `isGlobalAdministrator`'s. */
  globalAdministratorEligibility(userId: string): Promise<RoleEligibility>;
  /** `undefined` when no such user exists. */
  getUser(userId: string): Promise<DirectoryUser | undefined>;
  /** Every group the user belongs to, directly or through nesting. */
  transitiveGroupIds(userId: string): Promise<readonly string[]>;
  /** Groups whose object id or exact display name is `nameOrId`; several matches mean the name is ambiguous. */
  findGroups(nameOrId: string): Promise<readonly DirectoryGroup[]>;
}
