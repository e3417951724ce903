import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/index.js';
import { configMgrEdr } from './policy-bodies.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

type GraphError = { error: { code: string; message: string } };
type EntityStatus = { value: { requestId: string | null; entityLocked: boolean; requestStatus: string | null } };
const POLICIES = '/deviceManagement/configurationPolicies';
const REQUESTS = '/deviceManagement/operationApprovalRequests';
const FQ_TYPE = 'Microsoft.Management.Services.Api.DeviceManagementConfigurationPolicy';
const ACTIVE = 'An active Approval Request already exists for this entity';
const justified = (text: string) => ({ 'x-msft-approval-justification': Buffer.from(text).toString('base64') });
const GROUP = POLICIES;

async function portalPolicyId(c: SandboxClient): Promise<string> {
  const all = await c.graph('GET', POLICIES);
  const policy = all.json<{ value: { id: string; name: string }[] }>().value.find((p) => p.name.includes('(portal)'));
  if (!policy) throw new Error('no portal policy');
  return policy.id;
}

/** What both dialects share: one request per entity, retrieveRequestStatus, strict approval codes (sandbox/README.md). */
describe.each(['maa', 'maa-field'] as const)('Multi Admin Approval, entity locks (scenario %s)', (scenario) => {
  let c: SandboxClient;
  beforeAll(async () => {
    c = await sandboxClient({ scenario });
  });
  afterAll(async () => {
    await c.close();
  });

  it('where only a whole PUT updates a policy, a justified PATCH is refused with 400 and never held', async () => {
    const id = await portalPolicyId(c);
    expect((await c.control('POST', '/policy-update-reading', { reading: 'put-only' })).status).toBe(200);
    try {
      const patch = await c.graph('PATCH', `${GROUP}/${id}`, { name: 'patched' }, justified('rename'));
      expect(patch.status).toBe(400);
      expect(patch.headers['x-msft-approval-code']).toBeUndefined();
      expect((await c.control('GET', '/maa/requests')).json<{ requests: unknown[] }>().requests).toEqual([]);
    } finally {
      await c.control('POST', '/policy-update-reading', { reading: 'patch-and-put' });
    }
  });

  it('a second justified write to an entity with a pending request is refused with 409, and filed nowhere', async () => {
    const id = await portalPolicyId(c);
    const first = await c.graph('PATCH', `${GROUP}/${id}`, { description: 'first' }, justified('first'));
    expect([403, 412]).toContain(first.status);
    const code = String(first.headers['x-msft-approval-code']);
    const second = await c.graph('PATCH', `${GROUP}/${id}`, { description: 'second' }, justified('second'));
    expect(second.status).toBe(409);
    expect(second.json<GraphError>().error.message).toContain(ACTIVE);
    expect(second.headers['x-msft-approval-code']).toBeUndefined();
    const requests = (await c.control('GET', '/maa/requests')).json<{ requests: { id: string }[] }>().requests;
    expect(requests.map((request) => request.id)).toEqual([code]);

    const status = await c.graph('POST', `${REQUESTS}/retrieveRequestStatus`, { entityId: id, entityType: FQ_TYPE });
    expect(status.json<EntityStatus>().value).toMatchObject({
      requestId: code,
      entityLocked: true,
      requestStatus: 'needsApproval',
    });

    expect(
      (await c.control('POST', `/maa/requests/${code}/approve`, { approver: DEMO_USERS.secondApprover.id })).status,
    ).toBe(200);
    const stillLocked = await c.graph('PATCH', `${GROUP}/${id}`, { description: 'third' }, justified('third'));
    expect(stillLocked.status, 'approved but not carried out still locks the entity').toBe(409);
    const done = await c.graph('PATCH', `${GROUP}/${id}`, { description: 'first' }, { 'x-msft-approval-code': code });
    expect(done.status).toBe(204);
    const free = await c.graph('POST', `${REQUESTS}/retrieveRequestStatus`, { entityId: id, entityType: FQ_TYPE });
    expect(free.json<EntityStatus>().value).toMatchObject({ requestId: null, entityLocked: false });
  });

  it('refuses a malformed approval code and an empty action body like the service', async () => {
    const id = await portalPolicyId(c);
    const base64 = await c.graph('DELETE', `${GROUP}/${id}`, undefined, {
      'x-msft-approval-code': Buffer.from('2b27bcce-ea38-40c4-9da6-bd27f8af48a3').toString('base64'),
    });
    expect(base64.status).toBe(400);
    expect(base64.json<GraphError>().error.message).toBe('Invalid approval header format, expected GUID format');
    expect((await c.graph('POST', `${REQUESTS}/retrieveRequestStatus`)).status).toBe(400);
    expect((await c.graph('POST', `${REQUESTS}/cancelMyRequest`)).status).toBe(400);
  });
});

/** The `field` dialect: as real tenants have been seen to answer (maa.md "Corrections and field evidence"). */
describe('Multi Admin Approval in the field dialect (scenario maa-field)', () => {
  let c: SandboxClient;
  beforeAll(async () => {
    c = await sandboxClient({ scenario: 'maa-field' });
  });
  afterAll(async () => {
    await c.close();
  });

  it('holds with 412 and outer code BadRequest, Intune JSON nested in the message, the code in the header', async () => {
    const held = await c.graph('POST', POLICIES, configMgrEdr({ name: 'field hold' }), justified('Alex asked'));
    expect(held.status).toBe(412);
    const code = String(held.headers['x-msft-approval-code']);
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    const error = held.json<GraphError>().error;
    expect(error.code).toBe('BadRequest');
    const nested = JSON.parse(error.message) as { Message: string };
    expect(nested.Message).toContain(`x-msft-approval-code: ${code}`);
  });

  it('refuses the requestId filter with 400; the request is read by id and has no requestId property', async () => {
    const held = await c.graph('POST', POLICIES, configMgrEdr({ name: 'field read' }), justified('Alex asked'));
    const code = String(held.headers['x-msft-approval-code']);
    const filtered = await c.graph('GET', `${REQUESTS}?$filter=requestId eq '${code}'`);
    expect(filtered.status).toBe(400);
    const byId = await c.graph('GET', `${REQUESTS}/${code}`);
    expect(byId.status).toBe(200);
    expect(byId.json()).toMatchObject({ id: code, status: 'needsApproval' });
    expect(byId.json()).not.toHaveProperty('requestId');
    const listed = await c.graph('GET', REQUESTS);
    expect(listed.json<{ value: { id: string }[] }>().value.map((request) => request.id)).toContain(code);
  });

  it('retrieveRequestStatus with a short entity type answers a bogus id that 404s (public tooling)', async () => {
    const id = await portalPolicyId(c);
    const held = await c.graph('PATCH', `${GROUP}/${id}`, { description: 'x' }, justified('Alex asked'));
    expect(held.status).toBe(412);
    const short = await c.graph('POST', `${REQUESTS}/retrieveRequestStatus`, {
      entityId: id,
      entityType: 'deviceManagementConfigurationPolicy',
    });
    const bogus = short.json<EntityStatus>().value.requestId ?? '';
    expect(bogus).not.toBe(held.headers['x-msft-approval-code']);
    expect((await c.graph('GET', `${REQUESTS}/${bogus}`)).status).toBe(404);
  });

  it('the portal control call changes a policy behind a pending request, bypassing the lock', async () => {
    const id = await portalPolicyId(c);
    const before = (await c.graph('GET', `${GROUP}/${id}/assignments`)).json<{ value: unknown[] }>().value;
    const edited = await c.control('POST', `/portal/policies/${id}/edit`, {
      description: 'changed in the portal',
      addGroupId: '00000000-0000-0000-0000-00000000dead',
    });
    expect(edited.status, 'an unknown group').toBe(404);
    const groups = (await c.graph('GET', '/groups')).json<{ value: { id: string; displayName: string }[] }>().value;
    const pilot = groups.find((group) => group.displayName === 'SG-Pilot-Devices');
    const ok = await c.control('POST', `/portal/policies/${id}/edit`, {
      description: 'changed in the portal',
      addGroupId: pilot?.id,
    });
    expect(ok.status).toBe(200);
    const policy = (await c.graph('GET', `${GROUP}/${id}`)).json<{ description: string }>();
    expect(policy.description).toBe('changed in the portal');
    const after = (await c.graph('GET', `${GROUP}/${id}/assignments`)).json<{ value: unknown[] }>().value;
    expect(after).toHaveLength(before.length + 1);
    expect((await c.control('POST', `/portal/policies/${id}/edit`, {})).status).toBe(400);
    expect((await c.control('POST', '/portal/policies/nope/edit', { description: 'x' })).status).toBe(404);
  });
});

describe('SANDBOX_MAA_DIALECT overrides the scenario (startSandbox maaDialect)', () => {
  it('scenario maa with maaDialect field holds with 412', async () => {
    const c = await sandboxClient({ scenario: 'maa', maaDialect: 'field' });
    try {
      const held = await c.graph('POST', POLICIES, configMgrEdr({ name: 'override' }), justified('Alex asked'));
      expect(held.status).toBe(412);
      await c.control('POST', '/reset', { scenario: 'maa' });
      const again = await c.graph('POST', POLICIES, configMgrEdr({ name: 'override 2' }), justified('Alex asked'));
      expect(again.status, 'across a reset').toBe(412);
    } finally {
      await c.close();
    }
  });
});
