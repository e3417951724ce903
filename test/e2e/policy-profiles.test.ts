import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kebab } from '../../core/policies/create-flags.js';
import { profiles } from '../../core/policy/catalog/index.js';
import { flagsFor, type PolicyTarget, targetSpec } from '../../core/policy/catalog/profile-definition.js';
import { ALEX, invokeActivity, MEGAN, messageActivity, type TestUser } from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';
import { cardText } from './compliance-harness.js';

const CONVERSATION = 'a:personal-profiles-e2e';
const NEW_PROFILES = [
  'security-experience',
  'asr-rules',
  'web-protection',
  'exploit-protection',
  'firewall',
  'firewall-rules',
];

/** The flags of a profile as a user would type them: every setting, parents on so their children go too. */
function typedFlags(id: string, target: PolicyTarget): { words: string; definitionIds: string[] } {
  const profile = profiles.find((candidate) => candidate.id === id);
  if (!profile) throw new Error(id);
  const flags = flagsFor(profile, target);
  const words = flags.map((flag) => {
    const value =
      flag.kind === 'toggle'
        ? 'on'
        : flag.kind === 'choice'
          ? (flag.choices?.at(-1) ?? '')
          : flag.kind === 'list'
            ? '"443,8443"'
            : `"${flag.key === 'programPath' ? 'C:\\Apps\\app.exe' : 'AttachOps e2e'}"`;
    return `--${kebab(flag.key)} ${value}`;
  });
  return { words: words.join(' '), definitionIds: flags.map((flag) => flag.graph.definitionId) };
}

const cases = NEW_PROFILES.flatMap((id) => {
  const profile = profiles.find((candidate) => candidate.id === id);
  return (['configmgr', 'intune'] as const)
    .filter((target) => profile && targetSpec(profile, target))
    .map((target) => ({ id, target }));
});

describe('each new profile: create -> approve -> assign -> compliance, against the sandbox tenant', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant, env: { APPROVERS: 'group:AttachOps-Approvers' } });
  }, 60_000);
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  const say = (text: string, from: TestUser = ALEX) =>
    harness.post(messageActivity(text, { serviceUrl: harness.connector.url, from, conversationId: CONVERSATION }));
  const click = (verb: string, data: unknown, from: TestUser) =>
    harness.post(invokeActivity(verb, data, { serviceUrl: harness.connector.url, from, conversationId: CONVERSATION }));

  async function requestAndApprove(text: string): Promise<void> {
    const known = new Set(approvalIds());
    await say(text);
    await harness.connector.waitFor(() => approvalIds().some((id) => !known.has(id)), 20_000);
    const approvalId = approvalIds().find((id) => !known.has(id));
    const approved = await click('approval.approve', { approvalId }, MEGAN);
    expect(approved.status).toBe(200);
    await harness.services.runs.idle();
  }

  function approvalIds(): string[] {
    return [...JSON.stringify(harness.connector.cards()).matchAll(/"approvalId":"(a-[a-z0-9]+)"/g)].map(
      (match) => match[1] ?? '',
    );
  }

  /** The first card after the question that is about `about` (a late progress card of the last run may come first). */
  async function ask(text: string, about: RegExp): Promise<string> {
    const before = harness.connector.cards().length;
    await say(text);
    const answer = () =>
      harness.connector
        .cards()
        .slice(before)
        .map(cardText)
        .find((card) => about.test(card));
    await harness.connector.waitFor(() => answer() !== undefined, 20_000);
    return answer() ?? '';
  }

  it.each(cases)(
    '$id for $target',
    async ({ id, target }) => {
      const name = `${id} ${target} e2e`;
      const { words, definitionIds } = typedFlags(id, target);
      await requestAndApprove(`policy create ${id} --target ${target} --name "${name}" ${words}`);
      const [policy] = (await tenant.tenant.policies.list({ nameContains: name })).filter((item) => item.name === name);
      if (!policy) throw new Error(`policy ${name} was not created`);
      expect(policy.kind).toBe(`${target}-${id}`);
      const details = await tenant.tenant.policies.get(policy.id);
      expect(details?.unmodelledSettingIds).toEqual([]);
      const sent = JSON.stringify(
        (await tenant.requests())
          .filter((entry) => entry.method === 'POST' && /configurationPolicies$/.test(entry.path))
          .at(-1),
      );
      for (const definitionId of definitionIds) expect(sent).toContain(definitionId);
      expect(sent).not.toContain('templateFamily');

      const to = target === 'configmgr' ? 'PS100042' : '"SG-All-Workstations"';
      await requestAndApprove(`assign "${name}" --to ${to}`);
      const assigned = JSON.stringify(await tenant.tenant.policies.getAssignments(policy.id));
      expect(assigned).toContain(target === 'configmgr' ? 'PS100042' : 'group');

      await tenant.control('POST', 'clock/advance', { seconds: 10 * 60 });
      const compliance = await ask(`compliance "${name}"`, /Reported: /);
      expect(compliance).toContain(name);
      expect(compliance).toMatch(/Reported: \d+ of [1-9]\d*/);
    },
    60_000,
  );
});
