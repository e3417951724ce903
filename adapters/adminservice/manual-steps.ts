import type { ManualStep } from '../../core/ports/configmgr-gateway.js';

/** Console-only steps (configmgr-adminservice.md §3, §4, §5): the gateway hands these back as ManualStepRequired. */
export const configureTenantAttachSteps: ManualStep = {
  title: 'Upload devices to Microsoft Endpoint Manager admin center (tenant attach)',
  steps: [
    'In the ConfigMgr console connected to the top-level site, open Administration > Cloud Services > Co-management (Cloud Attach from 2111).',
    'Open the properties of the production policy and select the Configure upload tab (or run Configure co-management / Configure Cloud Attach when co-management is off).',
    'Tick "Upload to Microsoft Endpoint Manager admin center", choose All my devices or one collection, then Apply.',
    'Sign in as a Global Administrator and answer Yes to "Create AAD Application".',
  ],
  verifyWith:
    'check tenant attach again: the site then lists the tenant, and synced collections appear in Intune within about 30 minutes',
};

export const setUploadScopeSteps: ManualStep = {
  title: 'Change the tenant-attach upload scope',
  steps: [
    'In the ConfigMgr console, open the co-management (Cloud Attach) policy properties > Configure upload.',
    'Choose "All my devices managed by Microsoft Endpoint Configuration Manager" or "Specific collection", then Apply.',
  ],
  verifyWith: 'devices of the chosen scope show in the admin center after the next 15-minute upload cycle',
};

export function enableCollectionSteps(collectionId: string, enabled: boolean): ManualStep {
  return {
    title: `${enabled ? 'Make' : 'Stop making'} collection ${collectionId} available for endpoint security policies`,
    steps: [
      'Use a ConfigMgr console connected to the top-level site.',
      `Open Assets and Compliance > Device Collections, then the Properties of ${collectionId}, tab Cloud Sync.`,
      `${enabled ? 'Tick' : 'Clear'} "Make this collection available to assign Endpoint security policies from Microsoft Endpoint Manager admin center", then OK.`,
      `Or on site 2203+: Set-CMCollectionCloudSync -Id ${collectionId} -EnableAssignEndpointSecurityPolicy $${enabled}`,
    ],
    verifyWith: "the collection appears in (or leaves) Intune's ConfigMgr collection list after the next sync",
  };
}
