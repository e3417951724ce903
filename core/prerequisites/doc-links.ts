const TENANT_ATTACH_PAGE = 'https://learn.microsoft.com/mem/intune/protect/tenant-attach-intune';
const EDR_POLICY_PAGE = 'https://learn.microsoft.com/mem/intune/protect/endpoint-security-edr-policy';

/** Sections of the two Microsoft pages the product automates; anchors come from their headings (shared/seeds). */
export const DOC_LINKS = {
  generalRequirements: `${TENANT_ATTACH_PAGE}#general-requirements-for-tenant-attach`,
  policyRequirements: `${TENANT_ATTACH_PAGE}#specific-requirements-for-intune-endpoint-security-policies`,
  installUpdate: `${TENANT_ATTACH_PAGE}#task-1-install-the-update-for-configuration-manager`,
  configureTenantAttach: `${TENANT_ATTACH_PAGE}#task-2-configure-tenant-attach-and-synchronize-collections`,
  tenantOnboarding: `${TENANT_ATTACH_PAGE}#enable-tenant-attach-when-co-management-hasnt-been-enabled`,
  selectCollections: `${TENANT_ATTACH_PAGE}#task-3-select-collections-to-synchronize`,
  enableCollections: `${TENANT_ATTACH_PAGE}#task-4-enable-collections-for-endpoint-security-policies`,
  edrPrerequisites: `${EDR_POLICY_PAGE}#prerequisites-for-edr-policies`,
  /** graph-intune.md §11.7 cites memdocs intune/configmgr/hotfix/2603 (the 2503 EDR regression fix). */
  hotfix2603: 'https://github.com/MicrosoftDocs/memdocs/tree/main/intune/configmgr/hotfix/2603',
} as const;
