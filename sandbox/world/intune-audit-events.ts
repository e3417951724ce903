import { randomUUID } from 'node:crypto';
import type { JsonObject } from './policy-store.js';

/** A change someone made, as `deviceManagement/auditEvents` answers it (graph-intune.md §12.5; DOC: auditEvent). */
export interface PortalChange {
  /** A person's UPN (`…@…`), else an app's display name. */
  readonly actor: string;
  readonly operation: 'Patch' | 'Delete' | 'Create';
  readonly policy: { readonly id: string; readonly name: string };
  readonly modified: readonly { readonly displayName: string; readonly oldValue: string; readonly newValue: string }[];
}

/**
 * Intune's audit log of the sandbox tenant: each portal edit (control API `portal/policies/…`) appends one event.
 * Sandbox choices: events are kept in memory only (not in the saved world), and the bot's own Graph writes are not
 * logged here yet.
 */
export class IntuneAuditEvents {
  private readonly events: JsonObject[] = [];

  list(): readonly JsonObject[] {
    return this.events;
  }

  record(change: PortalChange, atIso: string): JsonObject {
    const person = change.actor.includes('@');
    const event: JsonObject = {
      id: randomUUID(),
      displayName: `${change.operation} DeviceManagementConfigurationPolicy`,
      componentName: 'DeviceConfiguration',
      activity: `${change.operation} DeviceManagementConfigurationPolicy`,
      activityDateTime: atIso,
      activityType: `${change.operation} DeviceManagementConfigurationPolicy`,
      activityOperationType: change.operation,
      activityResult: 'Success',
      correlationId: randomUUID(),
      category: 'DeviceConfiguration',
      actor: {
        type: person ? 'ItPro' : 'Application',
        userPrincipalName: person ? change.actor : null,
        applicationDisplayName: person ? 'Microsoft Intune portal extension' : change.actor,
        applicationId: person ? null : randomUUID(),
        userPermissions: ['*'],
        ipAddress: null,
      },
      resources: [
        {
          displayName: change.policy.name,
          type: 'DeviceManagementConfigurationPolicy',
          auditResourceType: 'DeviceManagementConfigurationPolicy',
          resourceId: change.policy.id,
          modifiedProperties: change.modified,
        },
      ],
    };
    this.events.push(event);
    return event;
  }
}
