import { z } from 'zod';
import { UpstreamResponseInvalid } from '../../../core/errors/upstream-error.js';
import {
  INTUNE_REQUEST_STATUSES,
  type IntuneAccessPolicy,
  type IntuneApprovalRequest,
  type IntuneApprovals,
  type IntuneRequestStatus,
} from '../../../core/ports/intune-approvals.js';
import type { GraphHttp } from '../graph-http.js';
import { parseItems, parseReply } from '../parse-reply.js';
import { approvedWrite, heldWriteSchema } from './held-write.js';
import { displayNameOfIdentity, EXCLUDED_APP_PROPERTIES } from './maa-assumptions.js';
import { APPROVAL_REQUESTS } from './approval-requests-path.js';
import { findRequest } from './find-request.js';

const POLICIES = '/deviceManagement/operationApprovalPolicies';

/** operationApprovalPolicy: `policyType`, `policyPlatform`, `approverGroupIds` (maa.md). */
const policySchema = z
  .object({
    id: z.string(),
    displayName: z.string().nullish(),
    policyType: z.string(),
    approverGroupIds: z.array(z.string()).nullish(),
  })
  .passthrough();
const groupSchema = z.object({ displayName: z.string().nullish() });

/** Multi Admin Approval over Graph beta: request status, the approved resend, access policies for `check`. */
export function createGraphIntuneApprovals(http: GraphHttp, appId?: string): IntuneApprovals {
  const groupNames = new Map<string, string>();

  async function groupName(groupId: string): Promise<string | undefined> {
    const known = groupNames.get(groupId);
    if (known) return known;
    try {
      const operation = 'read approver group';
      const reply = await http.send({
        operation,
        method: 'GET',
        path: `/groups/${encodeURIComponent(groupId)}`,
        query: { $select: 'displayName' },
      });
      const name = parseReply(groupSchema, reply, operation).displayName ?? undefined;
      if (name) groupNames.set(groupId, name);
      return name;
    } catch {
      return undefined;
    }
  }

  async function readPolicies(): Promise<z.infer<typeof policySchema>[]> {
    const operation = 'list Multi Admin Approval access policies';
    return parseItems(policySchema, await http.getAll({ operation, path: POLICIES }), operation);
  }

  async function approverGroupsFor(policyTypes: readonly string[]): Promise<string[]> {
    let policies: z.infer<typeof policySchema>[];
    try {
      policies = await readPolicies();
    } catch {
      return [];
    }
    const ids = new Set(
      policies
        .filter((policy) => policyTypes.length === 0 || policyTypes.includes(policy.policyType))
        .flatMap((policy) => policy.approverGroupIds ?? []),
    );
    const names = await Promise.all([...ids].map((id) => groupName(id)));
    return names.filter((name): name is string => name !== undefined);
  }

  return {
    async getRequest(requestId) {
      const request = await findRequest(http, requestId);
      if (!request) return undefined;
      const approver = displayNameOfIdentity(request.approver);
      return {
        requestId,
        status: statusOf(request.status),
        ...(request.expirationDateTime ? { expiresAt: request.expirationDateTime } : {}),
        ...(approver === undefined ? {} : { approver }),
        ...(request.approvalJustification ? { approvalJustification: request.approvalJustification } : {}),
        approverGroups: await approverGroupsFor(request.requiredOperationApprovalPolicyTypes ?? []),
      } satisfies IntuneApprovalRequest;
    },
    async resend(heldWrite, requestId) {
      const held = heldWriteSchema.safeParse(heldWrite);
      if (!held.success) {
        throw new UpstreamResponseInvalid(
          { upstream: 'graph', operation: 'resend the approved write' },
          `the stored write is malformed: ${held.error.message}`,
        );
      }
      await http.send(approvedWrite(held.data, requestId));
    },
    async cancelRequest(requestId) {
      await http.send({
        operation: 'cancel Multi Admin Approval request',
        method: 'POST',
        path: `${APPROVAL_REQUESTS}/cancelMyRequest`,
        body: { id: requestId },
      });
    },
    async listAccessPolicies() {
      const policies = await readPolicies();
      return Promise.all(
        policies.map(async (policy): Promise<IntuneAccessPolicy> => {
          const excludes = excludesApp(policy, appId);
          const names = await Promise.all((policy.approverGroupIds ?? []).map((id) => groupName(id)));
          return {
            id: policy.id,
            displayName: policy.displayName ?? policy.policyType,
            policyType: policy.policyType,
            approverGroups: names.map((name, index) => name ?? (policy.approverGroupIds ?? [])[index] ?? ''),
            ...(excludes === undefined ? {} : { excludesThisApp: excludes }),
          };
        }),
      );
    },
  };
}

function statusOf(status: string): IntuneRequestStatus {
  return (INTUNE_REQUEST_STATUSES as readonly string[]).includes(status)
    ? (status as IntuneRequestStatus)
    : 'unknownFutureValue';
}

function excludesApp(policy: Record<string, unknown>, appId: string | undefined): boolean | undefined {
  if (appId === undefined) return undefined;
  for (const property of EXCLUDED_APP_PROPERTIES) {
    const value = policy[property];
    if (Array.isArray(value))
      return value.some((id) => typeof id === 'string' && id.toLowerCase() === appId.toLowerCase());
  }
  return undefined;
}
