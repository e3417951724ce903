import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';
import { configMgrEdr } from './policy-bodies.js';

const POLICIES = '/deviceManagement/configurationPolicies';

async function create(c: SandboxClient, name: string): Promise<string> {
  const res = await c.graph('POST', POLICIES, configMgrEdr({ name }));
  expect(res.status, res.text).toBe(201);
  return res.json<{ id: string }>().id;
}

const nameOf = async (c: SandboxClient, id: string) =>
  (await c.graph('GET', `${POLICIES}/${id}`)).json<{ name: string }>().name;

describe('renaming a configuration policy (graph-intune.md §4.7)', () => {
  let c: SandboxClient;
  afterEach(async () => {
    await c.close();
  });

  it('takes a PATCH of the name, and allows two policies one name as Intune does', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const first = await create(c, 'EDR - same');
    const second = await create(c, 'EDR - same');
    expect(first).not.toBe(second);
    const res = await c.graph('PATCH', `${POLICIES}/${second}`, { name: 'EDR - other' });
    expect(res.status, res.text).toBe(204);
    expect(await nameOf(c, second)).toBe('EDR - other');
    expect(await nameOf(c, first)).toBe('EDR - same');
  });

  it.each([
    ['blank', { name: '  ' }, /'name' property is required/],
    ['too long', { name: 'x'.repeat(201) }, /at most 200 characters/],
    ['not a string', { name: 7 }, /name/],
    ['an unknown property', { displayName: 'EDR' }, /displayName/],
  ])('refuses a PATCH with a %s name or body', async (_label, body, message) => {
    c = await sandboxClient({ scenario: 'ready' });
    const id = await create(c, 'EDR - keep');
    const res = await c.graph('PATCH', `${POLICIES}/${id}`, body);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(await nameOf(c, id)).toBe('EDR - keep');
  });

  it('refuses a too long name on POST and PUT too', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const id = await create(c, 'EDR - put');
    expect((await c.graph('POST', POLICIES, configMgrEdr({ name: 'x'.repeat(201) }))).status).toBe(400);
    expect((await c.graph('PUT', `${POLICIES}/${id}`, configMgrEdr({ name: 'x'.repeat(201) }))).status).toBe(400);
    expect((await c.graph('PUT', `${POLICIES}/${id}`, configMgrEdr({ name: 'x'.repeat(200) }))).status).toBe(204);
  });

  it('plays the reading where only a whole PUT updates a policy: PATCH refused, PUT taken; reset restores PATCH', async () => {
    c = await sandboxClient({ scenario: 'ready' });
    const id = await create(c, 'EDR - put only');
    expect((await c.control('POST', '/policy-update-reading', { reading: 'put-only' })).status).toBe(200);
    const refused = await c.graph('PATCH', `${POLICIES}/${id}`, { name: 'EDR - patched' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/PUT/);
    expect(await nameOf(c, id)).toBe('EDR - put only');
    expect((await c.graph('PUT', `${POLICIES}/${id}`, configMgrEdr({ name: 'EDR - put' }))).status).toBe(204);
    expect(await nameOf(c, id)).toBe('EDR - put');
    expect((await c.control('POST', '/policy-update-reading', { reading: 'sometimes' })).status).toBe(400);
    await c.control('POST', '/reset', { scenario: 'ready' });
    const again = await create(c, 'EDR - after reset');
    expect((await c.graph('PATCH', `${POLICIES}/${again}`, { name: 'EDR - patched' })).status).toBe(204);
  });
});
