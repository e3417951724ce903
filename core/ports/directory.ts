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

/** Azure AD as the bot needs it: who is a Global Administrator, who belongs where, which group a name means. */
export interface Directory {
  /** Direct and group-based (transitive) assignments of the Global Administrator role. */
  isGlobalAdministrator(userId: string): Promise<boolean>;
  /** `undefined` when no such user exists. */
  getUser(userId: string): Promise<DirectoryUser | undefined>;
  /** Every group the user belongs to, directly or through nesting. */
  transitiveGroupIds(userId: string): Promise<readonly string[]>;
  /** Groups whose object id or exact display name is `nameOrId`; several matches mean the name is ambiguous. */
  findGroups(nameOrId: string): Promise<readonly DirectoryGroup[]>;
}
