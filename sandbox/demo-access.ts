import { DEMO_USERS } from './constants.js';

/**
 * The role mapping `npm start` and the tests give the bot for the sandbox directory (the Agents Playground's users):
 * Alex admin and operator, Megan and Patti approvers, Adele operator, Lynne an operator limited to pilot targets,
 * Isaiah a plain reader.
 */
export const SANDBOX_ACCESS_ENV: Readonly<Record<string, string>> = {
  ROLE_READERS: `group:AttachOps-Operators, group:AttachOps-Approvers, group:AttachOps-Pilot-Operators, user:${DEMO_USERS.plainUser.id}`,
  ROLE_OPERATORS:
    'group:AttachOps-Operators, group:AttachOps-Pilot-Operators[PILOT-*|SG-Pilot-*|Pilot *|EDR pilot*|AV pilot*]',
  APPROVERS: 'group:AttachOps-Approvers',
  ROLE_ADMINS: `user:${DEMO_USERS.admin.id}`,
};
