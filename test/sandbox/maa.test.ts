import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/index.js';
import { configMgrEdr } from './policy-bodies.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

type GraphError = { error: { code: string; message: string } };
const POLICIES = '/deviceManagement/configurationPolicies';
const justified = (text: string) => ({ 'x-msft-approval-justification': Buffer.from(text).toString('base64') });

/** The `maa` scenario follows maa.md "The protocol": the same four steps a real tenant answers with. */
describe('Multi Admin Approval in the sandbox (scenario maa)', () => {
  let c: SandboxClient;
  beforeAll(async () => {
    c = await sandboxClient({ scenario: 'maa' });
  });
  afterAll(async () => {
    await c.close();
  });

  async function hold(body: Record<string, unknown>): Promise<string> {
    const held = await c.graph('POST', POLICIES, body, justified('Alex asked; Megan approved'));
    expect(held.status, held.text).toBe(403);
    expect(held.json<GraphError>().error.code).toBe('ApprovalRequired');
    const code = String(held.headers['x-msft-approval-code']);
    expect(held.json<GraphError>().error.message).toContain(code);
    return code;
  }

  const decide = (code: string, verb: 'approve' | 'reject', approver: string = DEMO_USERS.secondApprover.id) =>
    c.control('POST', `/maa/requests/${code}/${verb}`, { approver, justification: 'checked' });

  it('refuses a protected write without the justification header, with the documented message', async () => {
    const res = await c.graph('POST', POLICIES, configMgrEdr({ name: 'no header' }));
    expect(res.status).toBe(400);
    expect(res.json<GraphError>().error.message).toBe(
      "Header 'x-msft-approval-justification' is required to request approval",
    );
    const tooLong = await c.graph('POST', POLICIES, configMgrEdr({ name: 'long' }), justified('x'.repeat(1025)));
    expect(tooLong.status).toBe(400);
  });

  it('holds the write, lists the request by requestId, and lets the identical resend through exactly once', async () => {
    const body = configMgrEdr({ name: 'MAA once' });
    const code = await hold(body);
    const listed = await c.graph('GET', `/deviceManagement/operationApprovalRequests?$filter=requestId eq '${code}'`);
    expect(
      listed.json<{ value: { requestId: string; status: string; requestJustification: string }[] }>().value,
    ).toEqual([
      expect.objectContaining({
        requestId: code,
        status: 'needsApproval',
        requestJustification: 'Alex asked; Megan approved',
      }),
    ]);
    const early = await c.graph('POST', POLICIES, body, { 'x-msft-approval-code': code });
    expect(early.status, 'not approved yet').toBe(403);

    expect((await decide(code, 'approve', DEMO_USERS.approver.id)).status, 'Megan is not an Intune approver').toBe(403);
    expect((await decide(code, 'approve')).status).toBe(200);
    const other = await c.graph('POST', POLICIES, configMgrEdr({ name: 'MAA other' }), {
      'x-msft-approval-code': code,
    });
    expect(other.status, 'a different body').toBe(400);
    const resent = await c.graph('POST', POLICIES, body, { 'x-msft-approval-code': code });
    expect(resent.status).toBe(201);
    const again = await c.graph('POST', POLICIES, body, { 'x-msft-approval-code': code });
    expect(again.status, 'the code is used').toBe(400);
    const byId = await c.graph('GET', `/deviceManagement/operationApprovalRequests/${code}`);
    expect(byId.json<{ status: string; approver: { user: { displayName: string } } }>()).toMatchObject({
      status: 'completed',
      approver: { user: { displayName: 'Patti Fernandez' } },
    });
    const all = await c.graph('GET', POLICIES);
    expect(all.json<{ value: { name: string }[] }>().value.filter((p) => p.name === 'MAA once')).toHaveLength(1);
  });

  it('expires a request 3 days after it was made, on the simulated clock', async () => {
    const code = await hold(configMgrEdr({ name: 'MAA late' }));
    await c.control('POST', '/clock/advance', { seconds: 3 * 24 * 3600 });
    const read = await c.graph('GET', `/deviceManagement/operationApprovalRequests/${code}`);
    expect(read.json<{ status: string }>().status).toBe('expired');
    expect((await decide(code, 'approve')).status).toBe(409);
  });

  it('lets the app withdraw its own pending request (cancelMyRequest)', async () => {
    const code = await hold(configMgrEdr({ name: 'MAA withdrawn' }));
    const cancel = await c.graph('POST', '/deviceManagement/operationApprovalRequests/cancelMyRequest', { id: code });
    expect(cancel.status).toBe(204);
    const read = await c.graph('GET', `/deviceManagement/operationApprovalRequests/${code}`);
    expect(read.json<{ status: string }>().status).toBe('cancelled');
  });

  it('lists the access policy with its approver group, and reads never need approval', async () => {
    const policies = await c.graph('GET', '/deviceManagement/operationApprovalPolicies');
    const [policy] = policies.json<{ value: { policyType: string; approverGroupIds: string[] }[] }>().value;
    expect(policy?.policyType).toBe('configurationPolicy');
    const group = await c.graph('GET', `/groups/${policy?.approverGroupIds[0] ?? ''}`);
    expect(group.json<{ displayName: string }>().displayName).toBe('Intune-MAA-Approvers');
    expect((await c.graph('GET', POLICIES)).status).toBe(200);
  });
});
