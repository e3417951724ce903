/** The person behind an activity, as the authenticated channel reports them. */
export interface Actor {
  /** Azure AD object id (`from.aadObjectId`); absent for users without a directory identity. */
  readonly aadObjectId?: string;
  /** The channel's user id (`from.id`). */
  readonly channelUserId: string;
  readonly name: string;
  readonly tenantId?: string;
}
