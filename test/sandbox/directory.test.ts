import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/index.js';
import { type SandboxClient, collectPages, sandboxClient } from './sandbox-client.js';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const gaFilter = (principalId: string): string =>
  `$filter=${encodeURIComponent(`roleDefinitionId eq '${GA}' and principalId eq '${principalId}'`)}`;

describe('directory', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('finds Alex as a direct Global Administrator, with $expand=principal, on v1.0', async () => {
    c = await sandboxClient();
    const res = await c.call(
      'GET',
      `/graph/v1.0/roleManagement/directory/roleAssignments?${gaFilter(DEMO_USERS.admin.id)}&$expand=principal`,
      { headers: { Authorization: `Bearer ${await c.token()}` } },
    );
    const body = res.json<{
      value: Array<{ principalId: string; directoryScopeId: string; principal: { userPrincipalName: string } }>;
    }>();
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({
      principalId: DEMO_USERS.admin.id,
      directoryScopeId: '/',
      principal: { userPrincipalName: 'alexw@example.com' },
    });
  });

  it('not-admin: Alex holds no Global Administrator assignment', async () => {
    c = await sandboxClient({ scenario: 'not-admin' });
    const res = await c.graph('GET', `/roleManagement/directory/roleAssignments?${gaFilter(DEMO_USERS.admin.id)}`);
    expect(res.json<{ value: unknown[] }>().value).toEqual([]);
  });

  it('transitiveRoleAssignments: 404 without ConsistencyLevel, 400 without $count=true, group rows with the group id', async () => {
    c = await sandboxClient();
    const path = (principalId: string, count = true): string =>
      `/roleManagement/directory/transitiveRoleAssignments?${gaFilter(principalId)}${count ? '&$count=true' : ''}`;
    const eventual = { ConsistencyLevel: 'eventual' };
    const noHeader = await c.graph('GET', path(DEMO_USERS.secondApprover.id));
    expect(noHeader.status).toBe(404);
    expect(noHeader.json<{ error: { code: string } }>().error.code).toBe('Request_ResourceNotFound');
    const noCount = await c.graph('GET', path(DEMO_USERS.secondApprover.id, false), undefined, eventual);
    expect(noCount.status).toBe(400);
    expect(noCount.json<{ error: { code: string; message: string } }>().error.message).toContain('$count=true');
    const noPrincipal = await c.graph(
      'GET',
      '/roleManagement/directory/transitiveRoleAssignments?$count=true',
      undefined,
      eventual,
    );
    expect(noPrincipal.status).toBe(400);

    const res = await c.graph('GET', path(DEMO_USERS.secondApprover.id), undefined, eventual);
    const body = res.json<{
      '@odata.count': number;
      value: Array<{ roleDefinitionId: string; principalId: string }>;
    }>();
    expect(body['@odata.count']).toBe(1);
    expect(body.value[0]?.roleDefinitionId).toBe(GA);
    expect(body.value[0]?.principalId).not.toBe(DEMO_USERS.secondApprover.id);
    const direct = await c.graph(
      'GET',
      `/roleManagement/directory/roleAssignments?${gaFilter(DEMO_USERS.secondApprover.id)}`,
    );
    expect(direct.json<{ value: unknown[] }>().value).toEqual([]);

    const nested = await c.graph('GET', path(DEMO_USERS.approver.id), undefined, eventual);
    expect(nested.json<{ value: Array<{ principalId: string }> }>().value).toHaveLength(1);
    const none = await c.graph('GET', path(DEMO_USERS.operator.id), undefined, eventual);
    expect(none.json<{ value: unknown[] }>().value).toEqual([]);
  });

  it('transitiveMemberOf includes nested groups; run-time membership changes show up', async () => {
    c = await sandboxClient();
    const groups = await collectPages(c, `/users/${DEMO_USERS.secondApprover.id}/transitiveMemberOf`);
    expect(groups.items.map((g) => g.displayName)).toEqual(
      expect.arrayContaining(['AttachOps-Approvers', 'AttachOps-Approvers-Deputies']),
    );
    const plain = await collectPages(c, `/users/${DEMO_USERS.plainUser.id}/transitiveMemberOf`);
    expect(plain.items).toEqual([]);
    const approvers = (
      await c.graph('GET', `/groups?$filter=${encodeURIComponent("displayName eq 'AttachOps-Approvers'")}`)
    ).json<{ value: Array<{ id: string }> }>().value[0];
    await c.control('POST', '/directory/group-members', { groupId: approvers?.id, add: [DEMO_USERS.plainUser.id] });
    const after = await collectPages(c, `/users/${DEMO_USERS.plainUser.id}/transitiveMemberOf`);
    expect(after.items.map((g) => g.displayName)).toEqual(['AttachOps-Approvers']);
  });

  it('pages groups with absolute nextLinks and finds the duplicate display names', async () => {
    c = await sandboxClient();
    const all = await collectPages(c, '/groups');
    expect(all.pages).toBeGreaterThan(1);
    expect(new Set(all.items.map((g) => g.id)).size).toBe(all.items.length);
    const dup = await c.graph('GET', `/groups?$filter=${encodeURIComponent("displayName eq 'SG-Contoso-Devices'")}`);
    expect(dup.json<{ value: unknown[] }>().value).toHaveLength(2);
  });

  it('echoes client-request-id and sets request-id', async () => {
    c = await sandboxClient();
    const res = await c.graph('GET', `/users/${DEMO_USERS.admin.id}`, undefined, { 'client-request-id': 'abc-123' });
    expect(res.headers['client-request-id']).toBe('abc-123');
    expect(res.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
