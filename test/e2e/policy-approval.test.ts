import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALEX, invokeActivity, MEGAN, messageActivity, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

const CONVERSATION = 'a:personal-policy-e2e';

describe('policy changes through approvals, against the sandbox tenant', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  beforeEach(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant, env: { APPROVERS: 'group:AttachOps-Approvers' } });
  });
  afterEach(async () => {
    await harness.close();
    await tenant.close();
  });

  const say = (text: string, from: TestUser = ALEX) =>
    harness.post(messageActivity(text, { serviceUrl: harness.connector.url, from, conversationId: CONVERSATION }));
  const click = (verb: string, data: unknown, from: TestUser) =>
    harness.post(invokeActivity(verb, data, { serviceUrl: harness.connector.url, from, conversationId: CONVERSATION }));

  async function latestApprovalId(): Promise<string> {
    await harness.connector.waitFor(
      (calls) =>
        calls.some(
          (call) =>
            JSON.stringify(call.body).includes('approval.approve') ||
            JSON.stringify(call.body).includes('Approval needed'),
        ),
      15_000,
    );
    const ids = [...JSON.stringify(harness.connector.cards()).matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)].map(
      (match) => match[1]!,
    );
    const id = ids.at(-1);
    if (!id) throw new Error('no approval card was posted');
    return id;
  }

  async function graphGet(path: string): Promise<{
    name?: string;
    templateReference?: { templateId?: string };
    settings?: unknown;
    [key: string]: unknown;
  }> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: tenant.env.GRAPH_CLIENT_ID!,
      client_secret: tenant.env.GRAPH_CLIENT_SECRET!,
      scope: 'https://graph.microsoft.com/.default',
    });
    const token = (await (
      await fetch(`${tenant.env.AUTHORITY_HOST}${tenant.env.TENANT_ID}/oauth2/v2.0/token`, {
        method: 'POST',
        body: form,
      })
    ).json()) as { access_token: string };
    const response = await fetch(`${tenant.env.GRAPH_BASE_URL}beta/${path}`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    return (await response.json()) as { name?: string };
  }

  async function waitForPolicy(name: string) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const found = (await tenant.tenant.policies.list({ nameContains: name })).filter(
        (policy) => policy.name === name,
      );
      if (found.length > 0) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`policy ${name} never appeared`);
  }

  it('creates the ConfigMgr EDR policy only after someone else approves, with the body the reference gives', async () => {
    await say('policy create edr --target configmgr --name "EDR pilot" --sample-sharing all');
    const approvalId = await latestApprovalId();
    expect(await tenant.tenant.policies.list({ nameContains: 'EDR pilot' })).toEqual([]);

    const self = await click('approval.approve', { approvalId }, ALEX);
    expect(JSON.stringify(self.body)).toMatch(/cannot decide your own request|needs the approver role/);
    expect(await tenant.tenant.policies.list({ nameContains: 'EDR pilot' })).toEqual([]);

    const approved = await click('approval.approve', { approvalId }, MEGAN);
    expect(approved.status).toBe(200);
    const [policy] = await waitForPolicy('EDR pilot');
    const body = await graphGet(`deviceManagement/configurationPolicies/${policy!.id}?$expand=settings`);
    expect(body).toMatchObject({
      name: 'EDR pilot',
      platforms: 'windows10',
      technologies: 'configManager',
      creationSource: 'SccmEDR',
    });
    expect(body.templateReference?.templateId ?? '').toBe('');
    const settings = JSON.stringify(body.settings);
    expect(settings).toContain('device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing_1');
    expect(settings).not.toContain('onboarding');
  });

  it('ten concurrent Approve clicks create exactly one policy, and a retried click does nothing new', async () => {
    await say('policy create edr --target configmgr --name "EDR once" --sample-sharing none');
    const approvalId = await latestApprovalId();
    const clicks = await Promise.all(
      Array.from({ length: 10 }, () => click('approval.approve', { approvalId }, MEGAN)),
    );
    expect(clicks.every((response) => response.status === 200)).toBe(true);
    await waitForPolicy('EDR once');
    await harness.services.runs.idle();
    const retried = await click('approval.approve', { approvalId }, MEGAN);
    expect(JSON.stringify(retried.body)).toContain('already');
    await harness.services.runs.idle();
    expect(
      (await tenant.tenant.policies.list({ nameContains: 'EDR once' })).filter((policy) => policy.name === 'EDR once'),
    ).toHaveLength(1);
    const creates = (await tenant.requests()).filter(
      (entry) => entry.method === 'POST' && /configurationPolicies$/.test(entry.path),
    );
    expect(creates).toHaveLength(1);
  });

  it('retries a throttled create and still creates the policy once', async () => {
    await tenant.control('POST', 'faults', {
      spec: 'route=/graph/beta/deviceManagement/configurationPolicies;kind=429;retryAfter=1;count=2;method=POST',
    });
    await say('policy create edr --target configmgr --name "EDR throttled" --sample-sharing all');
    await click('approval.approve', { approvalId: await latestApprovalId() }, MEGAN);
    await waitForPolicy('EDR throttled');
    const creates = (await tenant.requests()).filter(
      (entry) => entry.method === 'POST' && /configurationPolicies$/.test(entry.path),
    );
    expect(creates.map((entry) => entry.status)).toEqual([429, 429, 201]);
    expect(
      (await tenant.tenant.policies.list({ nameContains: 'EDR throttled' })).filter(
        (policy) => policy.name === 'EDR throttled',
      ),
    ).toHaveLength(1);
  });

  it("shows the service's message and request id when Graph refuses the create", async () => {
    await tenant.control('POST', 'faults', {
      spec: 'route=/graph/beta/deviceManagement/configurationPolicies;kind=500;count=5;method=POST',
    });
    await say('policy create edr --target configmgr --name "EDR refused" --sample-sharing all');
    await click('approval.approve', { approvalId: await latestApprovalId() }, MEGAN);
    await harness.connector.waitFor(
      (calls) => calls.some((call) => JSON.stringify(call.body).includes('request id')),
      20_000,
    );
    const failure =
      harness.connector.calls.map((call) => JSON.stringify(call.body)).find((body) => body.includes('request id')) ??
      '';
    expect(failure).toMatch(/Retry/);
    expect(failure).toMatch(/request id [0-9a-f-]{36}/);
  });

  it('assign goes through the same approval and keeps earlier assignments', async () => {
    await say('policy create edr --target configmgr --name "EDR assign" --sample-sharing all');
    await click('approval.approve', { approvalId: await latestApprovalId() }, MEGAN);
    const [policy] = await waitForPolicy('EDR assign');
    await tenant.tenant.policies.assign(policy!.id, [{ kind: 'collection', collectionId: 'PS100015' }]);

    await say('assign "EDR assign" --to PS100042');
    const approvalId = await latestApprovalId();
    expect(await tenant.tenant.policies.getAssignments(policy!.id)).toHaveLength(1);
    await click('approval.approve', { approvalId }, MEGAN);
    for (
      let attempt = 0;
      attempt < 100 && (await tenant.tenant.policies.getAssignments(policy!.id)).length < 2;
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const targets = JSON.stringify(await tenant.tenant.policies.getAssignments(policy!.id));
    expect(targets).toContain('PS100015');
    expect(targets).toContain('PS100042');
  });
});

describe('the approvals channel', () => {
  it('posts the approval card there too, and updates both copies when the request is decided', async () => {
    const tenant = await startSandboxTenant({ scenario: 'ready' });
    const channel = '19:approvals@thread.tacv2';
    const harness = await startTestBot({ tenant: tenant.tenant, env: { APPROVALS_CHANNEL: channel } });
    try {
      await harness.post(
        messageActivity('help', {
          serviceUrl: harness.connector.url,
          from: MEGAN,
          place: 'channel',
          conversationId: channel,
        }),
      );
      await harness.connector.waitFor((calls) => calls.some((call) => call.conversationId === channel));
      await harness.post(
        messageActivity('policy create edr --target configmgr --name "EDR channel" --sample-sharing all', {
          serviceUrl: harness.connector.url,
          from: ALEX,
        }),
      );
      await harness.connector.waitFor(
        (calls) => calls.filter((call) => call.conversationId === channel).length >= 2,
        15_000,
      );
      const posted = harness.connector.calls.filter(
        (call) => call.method === 'POST' && JSON.stringify(call.body).includes('Approval needed'),
      );
      expect(new Set(posted.map((call) => call.conversationId)).size).toBe(2);
      const approvalId = /"approvalId":"(a-[a-z0-9]+)"/.exec(JSON.stringify(posted[0]?.body))?.[1];
      await harness.post(
        invokeActivity(
          'approval.approve',
          { approvalId },
          { serviceUrl: harness.connector.url, from: MEGAN, conversationId: channel },
        ),
      );
      await harness.connector.waitFor(
        (calls) =>
          new Set(
            calls
              .filter((call) => call.method === 'PUT' && JSON.stringify(call.body).includes('Approved by Megan'))
              .map((call) => call.conversationId),
          ).size === 2,
        15_000,
      );
    } finally {
      await harness.close();
      await tenant.close();
    }
  });
});
