import type { Directory } from '../ports/directory.js';

/** The directory when no tenant is configured: nobody is in any group, so every role and approval is denied. */
export const emptyDirectory: Directory = {
  isGlobalAdministrator: async () => false,
  globalAdministratorEligibility: async () => 'not-eligible',
  getUser: async () => undefined,
  transitiveGroupIds: async () => [],
  findGroups: async () => [],
};
