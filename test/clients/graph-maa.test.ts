import { describe, expect, it } from 'vitest';
import { createGraphHttp } from '../../adapters/graph/graph-http.js';
import { createGraphEndpointSecurityPolicies } from '../../adapters/graph/graph-endpoint-security-policies.js';
import { createGraphIntuneApprovals } from '../../adapters/graph/maa/graph-intune-approvals.js';
import { UpstreamForbidden } from '../../core/errors/upstream-error.js';
import { IntuneApprovalRequired } from '../../core/maa/intune-approval-required.js';
import { silentLogger } from '../../core/ports/logger.js';
import { fakeGraphClient, jsonResponse, manualClock, type Responder } from './fake-graph-client.js';

const CODE = '2b27bcce-ea38-40c4-9da6-bd27f8af48a3';
const WRITE = {
  ref: 'r-1.s3',
  beforeSend: () => Promise.resolve(),
  justification: 'AttachOps: assign "EDR pilot". Requested by Alex Wilber; approved by Megan Bowen.',
};
const held = (message = `Approval code: ${CODE}`) =>
  jsonResponse(403, { error: { code: 'ApprovalRequired', message } }, { 'x-msft-approval-code': CODE });

function setup(respond: Responder) {
  const { client, seen } = fakeGraphClient(respond);
  const http = createGraphHttp({ client, logger: silentLogger, clock: manualClock(), random: () => 1 });
  return { policies: createGraphEndpointSecurityPolicies(http), approvals: createGraphIntuneApprovals(http), seen };
}

describe('Multi Admin Approval in the Graph adapter', () => {
  it('sends the justification as Base64, and turns 403 ApprovalRequired into a held write with the code, unretried', async () => {
    const { policies, seen } = setup(() => held());
    const error = await policies
      .assign('p-1', [{ kind: 'collection', collectionId: 'PS100042' }], WRITE)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IntuneApprovalRequired);
    expect(error).toMatchObject({ requestId: CODE, operation: 'assign policy' });
    expect(seen).toHaveLength(1);
    const header = seen[0]?.headers['x-msft-approval-justification'] ?? '';
    expect(Buffer.from(header, 'base64').toString('utf8')).toBe(WRITE.justification);
    expect((error as IntuneApprovalRequired).heldWrite).toEqual({
      operation: 'assign policy',
      method: 'POST',
      path: '/deviceManagement/configurationPolicies/p-1/assign',
      body: seen[0]?.body,
    });
  });

  it('reads the code from the message when the header is missing', async () => {
    const { policies } = setup(() =>
      jsonResponse(403, { error: { code: 'ApprovalRequired', message: `Needs approval. Approval code: ${CODE}` } }),
    );
    await expect(policies.delete('p-1', WRITE)).rejects.toMatchObject({ requestId: CODE });
  });

  it('leaves every other 403, and writes without a justification, as they were', async () => {
    const { policies, seen } = setup(() => jsonResponse(403, { error: { code: 'Forbidden', message: 'no' } }));
    await expect(policies.delete('p-1')).rejects.toBeInstanceOf(UpstreamForbidden);
    expect(seen[0]?.headers['x-msft-approval-justification']).toBeUndefined();
  });

  it('resends the held write identically with the code instead of the justification', async () => {
    const { policies, approvals, seen } = setup(() => (seen.length === 1 ? held() : jsonResponse(200, { value: [] })));
    const error = (await policies
      .assign('p-1', [{ kind: 'collection', collectionId: 'PS100042' }], WRITE)
      .catch((thrown: unknown) => thrown)) as IntuneApprovalRequired;
    await approvals.resend(JSON.parse(JSON.stringify(error.heldWrite)), error.requestId);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatchObject({ method: 'POST', url: seen[0]?.url, body: seen[0]?.body });
    expect(seen[1]?.headers['x-msft-approval-code']).toBe(CODE);
    expect(seen[1]?.headers['x-msft-approval-justification']).toBeUndefined();
  });

  it('reads the request status, who decided and the approver group names', async () => {
    const { approvals, seen } = setup((request) => {
      if (request.url.includes('operationApprovalRequests')) {
        return jsonResponse(200, {
          id: CODE,
          status: 'rejected',
          expirationDateTime: '2026-12-02T10:00:00Z',
          approver: { user: { id: 'u-24', displayName: 'Patti Fernandez' } },
          approvalJustification: 'Not now',
          requiredOperationApprovalPolicyTypes: ['configurationPolicy'],
        });
      }
      if (request.url.includes('operationApprovalPolicies')) {
        return jsonResponse(200, {
          value: [{ id: 'x', policyType: 'configurationPolicy', approverGroupIds: ['g-1'] }],
        });
      }
      return jsonResponse(200, { displayName: 'Intune-MAA-Approvers' });
    });
    expect(await approvals.getRequest(CODE)).toEqual({
      requestId: CODE,
      status: 'rejected',
      expiresAt: '2026-12-02T10:00:00Z',
      approver: 'Patti Fernandez',
      approvalJustification: 'Not now',
      approverGroups: ['Intune-MAA-Approvers'],
    });
    expect(seen[0]?.url, 'read by its id = the approval code, first (maa.md "Finding the request")').toBe(
      `https://graph.test/beta/deviceManagement/operationApprovalRequests/${CODE}`,
    );
  });
});
