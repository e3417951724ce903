import { describe, expect, it } from 'vitest';
import type { GatewayErrorCode } from '../../../core/errors/gateway-error.js';
import { UserFacingError } from '../../../core/user-facing-error.js';
import { parseGuidance } from '../../../core/workflow/guidance.js';
import { createTenantAttachStep } from '../../../core/workflow/steps/tenant-attach-step.js';
import { FakeWorld } from './fakes.js';
import { alex, check, megan, perform } from './step-context.js';

const ALL = { scope: { kind: 'all' } };

function setup() {
  const world = new FakeWorld();
  return { world, handler: createTenantAttachStep(world.services()) };
}

describe('tenant-attach check', () => {
  it('is done when the gateway says attached, not when it says not', async () => {
    const { world, handler } = setup();
    expect(await check(handler, ALL)).toEqual({
      done: false,
      seen: 'the tenant attach state of the hierarchy in ConfigMgr',
      awaiting: 'it turned on',
    });
    world.attached = true;
    expect(await check(handler, ALL)).toMatchObject({
      done: true,
      message: expect.stringContaining('tenant attached to contoso'),
    });
  });

  it('mentions Intune as extra evidence when it lists synced collections', async () => {
    const { world, handler } = setup();
    world.attached = true;
    world.synced = ['PS100042'];
    expect(await check(handler, ALL)).toMatchObject({
      done: true,
      message: expect.stringContaining('Intune lists collections'),
    });
  });

  it('takes an "unknown" gateway answer as attached only when Intune lists synced collections', async () => {
    const { world, handler } = setup();
    world.attached = 'unknown';
    expect(await check(handler, ALL)).toEqual({
      done: false,
      seen: expect.stringContaining('does not say'),
      awaiting: 'any collection from the hierarchy in Intune',
    });
    world.synced = ['PS100042'];
    expect(await check(handler, ALL)).toMatchObject({ done: true });
  });

  it('throws a problem with a fix when the gateway cannot be read', async () => {
    const { world, handler } = setup();
    world.failing.set('getTenantAttachState', 'Unauthenticated');
    await expect(check(handler, ALL)).rejects.toThrow(UserFacingError);
    await expect(check(handler, ALL)).rejects.toMatchObject({
      fix: expect.stringContaining('AdminService credentials'),
    });
  });
});

describe('tenant-attach perform', () => {
  it('waits for the admin with console guidance when the requester is a Global Administrator in the public cloud', async () => {
    const { world, handler } = setup();
    world.site = { ...world.site, buildNumber: 9068 };
    const outcome = await perform(handler, { scope: { kind: 'collection', id: 'PS100042', name: 'Finance Laptops' } });
    expect(outcome.kind).toBe('waiting-for-admin');
    const guidance = outcome.kind === 'waiting-for-admin' ? parseGuidance(outcome.guidance) : undefined;
    expect(guidance?.steps.join('\n')).toContain('Cloud Attach');
    expect(guidance?.steps.join('\n')).toContain('Finance Laptops (PS100042)');
  });

  it('refuses a requester who is not a Global Administrator, even when a Global Administrator moves the run', async () => {
    const { world, handler } = setup();
    const outcome = await perform(handler, ALL, megan, alex);
    expect(outcome).toMatchObject({
      kind: 'failed',
      problem: {
        title: 'A Global Administrator must run attach',
        fix: 'Ask a Global Administrator to type attach in this chat.',
      },
    });
    expect(world.calls).toEqual(['directory.isGlobalAdministrator', 'directory.globalAdministratorEligibility']);
  });

  it('tells a requester who is eligible in PIM but not active to activate the role first', async () => {
    const { world, handler } = setup();
    world.eligibleAdmins.add(megan.aadObjectId ?? '');
    const outcome = await perform(handler, ALL, megan, alex);
    expect(outcome.kind === 'failed' && outcome.problem.fix).toBe(
      'Activate the role in Privileged Identity Management, then type attach again.',
    );
  });

  it('refuses a requester without an Azure AD identity without asking the directory', async () => {
    const { world, handler } = setup();
    const outcome = await perform(handler, ALL, { channelUserId: '29:guest', name: 'Guest' });
    expect(outcome).toMatchObject({ kind: 'failed', problem: { title: 'Who asked is unknown to Azure AD' } });
    expect(world.count('directory.isGlobalAdministrator')).toBe(0);
  });

  it('refuses Azure Government, seen by the tenant or by the site', async () => {
    const tenantGov = setup();
    tenantGov.world.tenantCloud = 'AzureUSGovernmentCloud';
    expect(await perform(tenantGov.handler, ALL)).toMatchObject({
      kind: 'failed',
      problem: { message: expect.stringContaining("Azure Government isn't supported for this scenario") },
    });
    const siteGov = setup();
    siteGov.world.attached = 'unknown';
    siteGov.world.gatewayCloud = 'AzureUSGovernmentCloud';
    expect(await perform(siteGov.handler, ALL)).toMatchObject({
      kind: 'failed',
      problem: { message: expect.stringContaining("Azure Government isn't supported") },
    });
  });

  it.each<[GatewayErrorCode, string]>([
    ['Unauthenticated', 'AdminService credentials'],
    ['ProviderUnreachable', 'TCP 443'],
    ['AccessDenied', 'security role'],
  ])('turns a gateway %s into a problem whose fix mentions %s', async (code, fix) => {
    const { world, handler } = setup();
    world.failing.set('getSiteInfo', code);
    const outcome = await perform(handler, ALL);
    expect(outcome).toMatchObject({
      kind: 'failed',
      problem: { fix: expect.stringContaining(fix), message: expect.stringContaining(code) },
    });
  });
});
