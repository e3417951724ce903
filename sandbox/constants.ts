export const SANDBOX_TENANT_ID = '00000000-0000-0000-0000-000000000001';
export const SANDBOX_TENANT_NAME = 'contoso.onmicrosoft.com';
export const SANDBOX_APP = {
  clientId: 'a77a0b9e-5f9b-4c1e-9a51-5a6d0c0ffee1',
  clientSecret: 'sandbox-client-secret-not-for-production',
} as const;
export const SANDBOX_ADMINSERVICE_USER = { domain: 'CONTOSO', username: 'cmadmin', password: 'Sandbox!Pass1' } as const;

export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
export const MDE_CONNECTOR_ID = 'fc780465-2017-40d4-a0c5-307022471b92';
export const HIERARCHY_IDENTIFIER = '7c1d4e2a-3b5f-4a60-9d8e-0c2b1a3f5e77';
export const HIERARCHY_NAME = 'PS1 - Contoso';
export const SITE_CODE = 'PS1';

export interface DemoUser {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
}

const user = (suffix: string, displayName: string, alias: string): DemoUser => ({
  id: `00000000-0000-0000-0000-0000000000${suffix}`,
  displayName,
  userPrincipalName: `${alias}@example.com`,
});

export const DEMO_USERS = {
  admin: user('20', 'Alex Wilber', 'alexw'),
  approver: user('21', 'Megan Bowen', 'meganb'),
  operator: user('22', 'Adele Vance', 'adelev'),
  plainUser: user('23', 'Isaiah Langer', 'isaiahl'),
  secondApprover: user('24', 'Patti Fernandez', 'pattif'),
  pilotOperator: user('25', 'Lynne Robbins', 'lynner'),
} as const;

export const SCENARIO_NAMES = [
  'fresh',
  'ready',
  'cb2002-no-hotfix',
  'cb2002-hotfix',
  'gov-cloud',
  'mde-off',
  'not-admin',
  'large',
  'cb2503',
  'maa',
  'maa-field',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/**
 * How the tenant answers Multi Admin Approval (sandbox/README.md "Multi Admin Approval"): `doc` as Microsoft's how-to
 * describes it, `field` as real tenants have been seen to answer (maa.md "Corrections and field evidence").
 */
export const MAA_DIALECTS = ['doc', 'field'] as const;
export type MaaDialect = (typeof MAA_DIALECTS)[number];

export function isMaaDialect(value: unknown): value is MaaDialect {
  return typeof value === 'string' && (MAA_DIALECTS as readonly string[]).includes(value);
}

/**
 * How a configurationPolicy is updated, where the sources disagree (graph-intune.md §4.7): Microsoft's page documents
 * `PATCH …/configurationPolicies/{id}` [DOC]; the public code that updates these policies sends `PUT` with the whole
 * policy [CODE: M365DSC, terraform]. The sandbox plays either: `patch-and-put` (the default) accepts both;
 * `put-only` refuses a PATCH of a policy with 400, the reading where only a whole PUT updates it. Set with
 * `POST /_sandbox/policy-update-reading`; back to the default on reset.
 */
export const POLICY_UPDATE_READINGS = ['patch-and-put', 'put-only'] as const;
export type PolicyUpdateReading = (typeof POLICY_UPDATE_READINGS)[number];
export const DEFAULT_POLICY_UPDATE_READING: PolicyUpdateReading = 'patch-and-put';
