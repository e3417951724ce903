import type { TenantWrite } from './tenant-write.js';

/**
 * Puts an approved policy back (the drift card's Revert and Recreate): the policy and its assignments are handed over
 * exactly as the service returned them when they were approved (core/drift/baseline.ts `approved`), and the adapter
 * sends back what is writable of them, unchanged.
 */
export interface PolicyRestore {
  /** Name, description, scope tags and every setting as approved (a replace). */
  restoreSettings(policyId: string, approvedPolicy: unknown, write: TenantWrite): Promise<void>;
  /**
   * The approved assignment set, each assignment exactly as read then (filters byte for byte). To a recreated policy
   * (`toNewPolicy`) each goes as its target only: the row ids and sources named the deleted one.
   */
  restoreAssignments(
    policyId: string,
    approvedAssignments: readonly unknown[],
    write: TenantWrite,
    toNewPolicy?: boolean,
  ): Promise<void>;
  /** A deleted policy made again from its approved body; carries `write.ref` so a lost answer finds it. */
  recreate(approvedPolicy: unknown, write: TenantWrite): Promise<{ readonly id: string }>;
}
