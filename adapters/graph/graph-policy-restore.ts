import { z } from 'zod';
import type { PolicyRestore } from '../../core/ports/policy-restore.js';
import type { TenantWrite } from '../../core/ports/tenant-write.js';
import type { GraphHttp } from './graph-http.js';
import { justifiedWrite } from './maa/held-write.js';
import { parseReply } from './parse-reply.js';
import { assignmentForNewPolicy, restoreBody } from './restore-body.js';

const POLICIES = '/deviceManagement/configurationPolicies';
const createdSchema = z.object({ id: z.string() });

function beforeSendOf(write: TenantWrite): { beforeSend: () => Promise<void> } {
  return { beforeSend: () => write.beforeSend() };
}

/** Revert and Recreate over Graph: PUT the policy, POST …/assign the set, POST a new policy (restore-body.ts). */
export function createGraphPolicyRestore(http: GraphHttp): PolicyRestore {
  const policyPath = (policyId: string): string => `${POLICIES}/${encodeURIComponent(policyId)}`;
  return {
    async restoreSettings(policyId, approvedPolicy, write) {
      const body = restoreBody(approvedPolicy);
      await http.send(
        justifiedWrite(
          {
            operation: 'revert policy settings',
            method: 'PUT',
            path: policyPath(policyId),
            body,
            ...beforeSendOf(write),
          },
          write,
        ),
      );
    },
    async restoreAssignments(policyId, approvedAssignments, write, toNewPolicy) {
      await http.send(
        justifiedWrite(
          {
            operation: 'revert policy assignments',
            method: 'POST',
            path: `${policyPath(policyId)}/assign`,
            body: {
              assignments: toNewPolicy ? approvedAssignments.map(assignmentForNewPolicy) : [...approvedAssignments],
            },
            ...beforeSendOf(write),
          },
          write,
        ),
      );
    },
    async recreate(approvedPolicy, write) {
      const operation = 'recreate policy';
      const reply = await http.send(
        justifiedWrite(
          {
            operation,
            method: 'POST',
            path: POLICIES,
            body: restoreBody(approvedPolicy, write.ref),
            ...beforeSendOf(write),
          },
          write,
        ),
      );
      return { id: parseReply(createdSchema, reply, operation).id };
    },
  };
}
