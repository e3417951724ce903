import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

type Rows = { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string };

describe('large scenario', () => {
  let c: SandboxClient;
  beforeAll(async () => {
    c = await sandboxClient({ scenario: 'large' });
  });
  afterAll(async () => {
    await c.close();
  });

  it('reports 10,000+ collections and 200,000 devices', async () => {
    const state = (await c.control('GET', '/state')).json<{ collections: number; devices: number }>();
    expect(state.collections).toBeGreaterThanOrEqual(10_000);
    expect(state.devices).toBe(200_000);
  });

  it('a first page of collections and of All Systems members is small, with a next link', async () => {
    const auth = { Authorization: `Bearer ${await c.token()}` };
    const collections = await c.call('GET', '/AdminService/wmi/SMS_Collection?$top=50', { headers: auth });
    expect(collections.json<Rows>().value).toHaveLength(50);
    expect(collections.text.length).toBeLessThan(64_000);
    const members = await c.call(
      'GET',
      `/AdminService/wmi/SMS_FullCollectionMembership?$filter=${encodeURIComponent("CollectionID eq 'SMS00001'")}`,
      { headers: auth },
    );
    const page = members.json<Rows>();
    expect(page.value).toHaveLength(1000);
    expect(page['@odata.nextLink']).toContain('%24skip=1000');
    const last = await c.call(
      'GET',
      `/AdminService/wmi/SMS_FullCollectionMembership?$filter=${encodeURIComponent("CollectionID eq 'SMS00001'")}&$skip=199990&$top=50`,
      { headers: auth },
    );
    expect(last.json<Rows>().value).toHaveLength(10);
    const membersOf = (query: string) =>
      c.call(
        'GET',
        `/AdminService/wmi/SMS_FullCollectionMembership?$filter=${encodeURIComponent("CollectionID eq 'SMS00001'")}&${query}`,
        { headers: auth },
      );
    const asked = (await membersOf('$top=1000')).json<Rows>();
    expect(asked.value).toHaveLength(1000);
    expect(asked['@odata.nextLink'], 'the $top asked for is met: no link').toBeUndefined();
    const over = (await membersOf('$top=5000&$skip=10')).json<Rows>();
    expect(over.value).toHaveLength(1000);
    expect(over['@odata.nextLink']).toContain('%24skip=1010');
    const generated = await c.call('GET', "/AdminService/wmi/SMS_Collection('PS100200')", { headers: auth });
    expect(generated.json<Rows>().value[0]?.CollectionID).toBe('PS100200');
  });

  it('answers fewer rows per page when told to, with a link only where the limit cut the answer; reset restores 1000', async () => {
    const auth = { Authorization: `Bearer ${await c.token()}` };
    expect((await c.control('POST', '/adminservice/page-limit', { rows: 0 })).status).toBe(400);
    expect((await c.control('POST', '/adminservice/page-limit', { rows: 1001 })).status).toBe(400);
    expect((await c.control('POST', '/adminservice/page-limit', { rows: 250 })).status).toBe(200);
    const limited = (await c.call('GET', '/AdminService/wmi/SMS_Collection?$top=1000', { headers: auth })).json<Rows>();
    expect(limited.value).toHaveLength(250);
    expect(limited['@odata.nextLink']).toContain('%24skip=250');
    const small = (await c.call('GET', '/AdminService/wmi/SMS_Collection?$top=20', { headers: auth })).json<Rows>();
    expect(small.value).toHaveLength(20);
    expect(small['@odata.nextLink']).toBeUndefined();
    await c.control('POST', '/reset', { scenario: 'large' });
    expect((await c.control('GET', '/state')).json<{ adminServicePageLimit: number }>().adminServicePageLimit).toBe(
      1000,
    );
  });
});
