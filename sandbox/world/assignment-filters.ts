import { stableGuid } from './rng.js';

/** An Intune assignment filter (deviceAndAppManagementAssignmentFilter), as the admin center makes them. */
export interface SandboxAssignmentFilter {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  /** devicePlatformType. */
  readonly platform: string;
  readonly rule: string;
}

const filter = (key: string, displayName: string, platform: string, rule: string): SandboxAssignmentFilter => ({
  id: stableGuid('assignment-filter', key),
  displayName,
  description: '',
  platform,
  rule,
});

/** Every scenario's filters: two for Windows, one for iOS (a platform EDR and Antivirus policies cannot use). */
export const ASSIGNMENT_FILTERS: readonly SandboxAssignmentFilter[] = [
  filter('win11', 'Windows 11 devices', 'windows10AndLater', '(device.osVersion -startsWith "10.0.22")'),
  filter('corporate', 'Corporate Windows', 'windows10AndLater', '(device.deviceOwnership -eq "Corporate")'),
  filter('ios', 'iOS corporate', 'iOS', '(device.deviceOwnership -eq "Corporate")'),
];

export function assignmentFilter(id: string): SandboxAssignmentFilter | undefined {
  return ASSIGNMENT_FILTERS.find((candidate) => candidate.id === id.toLowerCase());
}

export function assignmentFilterJson(f: SandboxAssignmentFilter): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.deviceAndAppManagementAssignmentFilter',
    id: f.id,
    displayName: f.displayName,
    description: f.description,
    platform: f.platform,
    rule: f.rule,
    assignmentFilterManagementType: 'devices',
    roleScopeTags: ['0'],
  };
}
