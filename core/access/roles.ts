export const ROLES = ['reader', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a command or card verb needs: a role, or nothing (help is for everyone). */
export type Requirement = Role | 'anyone';

/** The configuration variable that grants each role, for messages that say who can grant it. */
export const ROLE_VARIABLES: Record<Role, string> = {
  reader: 'ROLE_READERS',
  operator: 'ROLE_OPERATORS',
  approver: 'APPROVERS',
  admin: 'ROLE_ADMINS',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  reader: 'reader (read the state: checks, collections, policies, compliance, runs)',
  operator: 'operator (ask for changes to the tenant)',
  approver: 'approver (approve or reject changes)',
  admin: "admin (manage AttachOps itself: other people's runs and subscriptions)",
};

/** Anyone holding a role may read. */
export function satisfies(held: ReadonlySet<Role>, needed: Requirement): boolean {
  if (needed === 'anyone') return true;
  if (needed === 'reader') return held.size > 0;
  return held.has(needed);
}
