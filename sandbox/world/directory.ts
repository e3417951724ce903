import { DEMO_USERS, type DemoUser, GLOBAL_ADMINISTRATOR_ROLE_ID, SANDBOX_TENANT_ID } from '../constants.js';
import type { ScenarioFacts } from '../scenarios/scenario-facts.js';
import { deviceAt } from './devices.js';
import { stableGuid } from './rng.js';

export interface DirectoryGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly isAssignableToRole: boolean;
  readonly memberIds: Set<string>;
}

export interface AadDevice {
  readonly id: string;
  readonly deviceId: string;
  readonly displayName: string;
  readonly cmIndex: number;
}

export interface RoleAssignment {
  readonly id: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId: string;
}

/** An eligible (PIM) assignment not activated: a roleEligibilityScheduleInstance (graph-intune.md §12.1). */
export interface RoleEligibility {
  readonly id: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly directoryScopeId: string;
  readonly startDateTime: string;
}

export const GROUP_IDS = {
  approvers: stableGuid('group', 'approvers'),
  approversNested: stableGuid('group', 'approvers-nested'),
  operators: stableGuid('group', 'operators'),
  pilotOperators: stableGuid('group', 'pilot-operators'),
  globalAdminsRoleGroup: stableGuid('group', 'role-global-admins'),
  globalAdminDeputies: stableGuid('group', 'global-admin-deputies'),
  pilotDevices: stableGuid('group', 'sg-pilot-devices'),
  allWorkstations: stableGuid('group', 'sg-all-workstations'),
  finance: stableGuid('group', 'sg-finance'),
  duplicateA: stableGuid('group', 'sg-contoso-devices-a'),
  duplicateB: stableGuid('group', 'sg-contoso-devices-b'),
  maaApprovers: stableGuid('group', 'intune-maa-approvers'),
} as const;

const AAD_DEVICE_COUNT = 120;

/** The tenant's users, groups, Azure AD devices and directory role assignments. Extra users pad paging. */
export class Directory {
  readonly users: DemoUser[];
  readonly groups: DirectoryGroup[];
  readonly devices: AadDevice[];
  readonly roleAssignments: RoleAssignment[];
  /** Eligible, not active: Adele Vance is eligible for Global Administrator and has not activated it. */
  readonly roleEligibilities: RoleEligibility[] = [];

  constructor(facts: ScenarioFacts) {
    const extra = Array.from({ length: 24 }, (_, i): DemoUser => ({
      id: stableGuid('user', i),
      displayName: `Contoso User ${i + 1}`,
      userPrincipalName: `user${i + 1}@example.com`,
    }));
    this.users = [...Object.values(DEMO_USERS), ...extra];
    this.devices = Array.from({ length: AAD_DEVICE_COUNT }, (_, i) => {
      const cm = deviceAt(i);
      return { id: stableGuid('aad-device-object', i), deviceId: cm.aadDeviceId, displayName: cm.name, cmIndex: i };
    });
    const deviceIds = (from: number, to: number): string[] => this.devices.slice(from, to).map((d) => d.id);
    const group = (
      id: string,
      displayName: string,
      members: string[],
      isAssignableToRole = false,
      description = '',
    ): DirectoryGroup => ({ id, displayName, description, isAssignableToRole, memberIds: new Set(members) });
    this.groups = [
      group(GROUP_IDS.approvers, 'AttachOps-Approvers', [DEMO_USERS.approver.id, GROUP_IDS.approversNested]),
      group(GROUP_IDS.approversNested, 'AttachOps-Approvers-Deputies', [DEMO_USERS.secondApprover.id]),
      group(GROUP_IDS.operators, 'AttachOps-Operators', [DEMO_USERS.admin.id, DEMO_USERS.operator.id]),
      group(GROUP_IDS.pilotOperators, 'AttachOps-Pilot-Operators', [DEMO_USERS.pilotOperator.id]),
      group(
        GROUP_IDS.globalAdminsRoleGroup,
        'Role-Global-Administrators',
        [DEMO_USERS.secondApprover.id, GROUP_IDS.globalAdminDeputies],
        true,
      ),
      // Megan holds Global Administrator through this group nested in the role-assignable one (sandbox/README.md).
      group(GROUP_IDS.globalAdminDeputies, 'Global-Administrator-Deputies', [DEMO_USERS.approver.id]),
      group(GROUP_IDS.pilotDevices, 'SG-Pilot-Devices', deviceIds(0, 10)),
      group(GROUP_IDS.allWorkstations, 'SG-All-Workstations', deviceIds(0, 100)),
      group(GROUP_IDS.finance, 'SG-Finance', deviceIds(40, 70)),
      group(GROUP_IDS.duplicateA, 'SG-Contoso-Devices', deviceIds(100, 110), false, 'Contoso devices (EU)'),
      group(GROUP_IDS.duplicateB, 'SG-Contoso-Devices', deviceIds(110, 120), false, 'Contoso devices (US)'),
      ...(facts.maaProtectedPolicyTypes.length > 0
        ? [group(GROUP_IDS.maaApprovers, 'Intune-MAA-Approvers', [DEMO_USERS.secondApprover.id])]
        : []),
      ...Array.from({ length: 22 }, (_, i) =>
        group(stableGuid('filler-group', i), `Team ${String(i + 1).padStart(2, '0')}`, []),
      ),
    ];
    const assignment = (principalId: string): RoleAssignment => ({
      id: stableGuid('role-assignment', principalId),
      principalId,
      roleDefinitionId: GLOBAL_ADMINISTRATOR_ROLE_ID,
      directoryScopeId: '/',
    });
    this.roleAssignments = [assignment(GROUP_IDS.globalAdminsRoleGroup)];
    if (facts.alexIsGlobalAdmin) this.roleAssignments.unshift(assignment(DEMO_USERS.admin.id));
    this.makeEligible(DEMO_USERS.operator.id, GLOBAL_ADMINISTRATOR_ROLE_ID, '2026-01-05T09:00:00Z');
  }

  /** Makes a user or group eligible for a role (tenant-wide); `false` when it already is. */
  makeEligible(principalId: string, roleDefinitionId: string, startDateTime: string): boolean {
    const principal = principalId.toLowerCase();
    const role = roleDefinitionId.toLowerCase();
    if (this.roleEligibilities.some((e) => e.principalId === principal && e.roleDefinitionId === role)) return false;
    this.roleEligibilities.push({
      id: stableGuid('role-eligibility', `${principal}/${role}`),
      principalId: principal,
      roleDefinitionId: role,
      directoryScopeId: '/',
      startDateTime,
    });
    return true;
  }

  user(idOrUpn: string): DemoUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.users.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === key);
  }

  group(id: string): DirectoryGroup | undefined {
    return this.groups.find((g) => g.id === id);
  }

  /** Groups containing the principal, directly or through nested groups. */
  transitiveGroupsOf(principalId: string): DirectoryGroup[] {
    const found = new Map<string, DirectoryGroup>();
    const queue = [principalId];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const g of this.groups) {
        if (g.memberIds.has(current) && !found.has(g.id)) {
          found.set(g.id, g);
          queue.push(g.id);
        }
      }
    }
    return [...found.values()];
  }

  /** Azure AD device objects in the group, following nested groups. */
  transitiveDevicesOf(groupId: string): AadDevice[] {
    const seen = new Set<string>();
    const result = new Map<string, AadDevice>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const g = this.group(id);
      if (!g) return;
      for (const member of g.memberIds) {
        const device = this.devices.find((d) => d.id === member);
        if (device) result.set(device.id, device);
        else visit(member);
      }
    };
    visit(groupId);
    return [...result.values()];
  }

  tenantId(): string {
    return SANDBOX_TENANT_ID;
  }
}
