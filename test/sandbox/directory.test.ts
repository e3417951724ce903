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

  it('transitiveRoleAssignments needs ConsistencyLevel and finds Patti through the role-assignable group', async () => {
    c = await sandboxClient();
    const path = `/roleManagement/directory/transitiveRoleAssignments?$filter=${encodeURIComponent(`principalId eq '${DEMO_USERS.secondApprover.id}'`)}`;
    expect((await c.graph('GET', path)).status).toBe(400);
    const res = await c.graph('GET', path, undefined, { ConsistencyLevel: 'eventual' });
    const value = res.json<{ value: Array<{ roleDefinitionId: string; principalId: string }> }>().value;
    expect(value).toHaveLength(1);
    expect(value[0]?.roleDefinitionId).toBe(GA);
    expect(value[0]?.principalId).not.toBe(DEMO_USERS.secondApprover.id);
    const direct = await c.graph(
      'GET',
      `/roleManagement/directory/roleAssignments?${gaFilter(DEMO_USERS.secondApprover.id)}`,
    );
    expect(direct.json<{ value: unknown[] }>().value).toEqual([]);
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
