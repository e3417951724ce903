import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.js';
import { verbs } from '../../bot/verbs/index.js';
import { ROLES } from '../../core/access/roles.js';
import {
  ADELE,
  ALEX,
  ANONYMOUS,
  invokeActivity,
  ISAIAH,
  LYNNE,
  MEGAN,
  messageActivity,
  type TestUser,
} from '../support/activities.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';
import { OffsetClock } from '../support/offset-clock.js';
import { startSandboxTenant, type SandboxTenant } from '../support/sandbox-tenant.js';

type Decision = 'allowed' | 'refused';

const REFUSAL = /needs the (reader|operator|approver|admin) role|Outside your scope/;

/** Callers × commands × expected decision, through the real endpoint and the sandbox directory. */
const TABLE: readonly [TestUser, string, Decision][] = [
  [ANONYMOUS, 'help', 'allowed'],
  [ANONYMOUS, 'check', 'refused'],
  [ISAIAH, 'check', 'allowed'],
  [ISAIAH, 'collections', 'allowed'],
  [ISAIAH, 'policy list', 'allowed'],
  [ISAIAH, 'runs', 'allowed'],
  [ISAIAH, 'approvals', 'allowed'],
  [ISAIAH, 'policy create edr --target configmgr --name "EDR by Isaiah" --sample-sharing all', 'refused'],
  [ISAIAH, 'enable PS100015', 'refused'],
  [ISAIAH, 'assign "anything" --to PS100042', 'refused'],
  [MEGAN, 'check', 'allowed'],
  [MEGAN, 'policy create edr --target configmgr --name "EDR by Megan" --sample-sharing all', 'refused'],
  [ADELE, 'policy create edr --target configmgr --name "EDR by Adele" --sample-sharing all', 'allowed'],
  [ADELE, 'enable PS100042', 'allowed'],
  [LYNNE, 'enable PS100016', 'allowed'],
  [LYNNE, 'enable PS100042', 'refused'],
  [LYNNE, 'attach', 'refused'],
  [LYNNE, 'policy create edr --target configmgr --name "Ops baseline" --sample-sharing all', 'refused'],
  [LYNNE, 'policy create edr --target configmgr --name "Pilot EDR" --sample-sharing all', 'allowed'],
  [ALEX, 'policy create antivirus --target configmgr --name "AV by Alex" --real-time-monitoring on', 'allowed'],
];

describe('access control', () => {
  let tenant: SandboxTenant;
  let harness: TestBot;
  let conversation = 0;
  const clock = new OffsetClock();
  beforeAll(async () => {
    tenant = await startSandboxTenant({ scenario: 'ready' });
    harness = await startTestBot({ tenant: tenant.tenant, env: { ROLE_CACHE_TTL: '5m' }, clock });
  });
  afterAll(async () => {
    await harness.close();
    await tenant.close();
  });

  async function say(from: TestUser, text: string): Promise<string> {
    const conversationId = `a:access-${++conversation}`;
    const before = harness.connector.calls.length;
    await harness.post(messageActivity(text, { serviceUrl: harness.connector.url, from, conversationId }));
    await harness.connector.waitFor(
      (calls) => calls.slice(before).some((call) => call.conversationId === conversationId),
      15_000,
    );
    return JSON.stringify(
      harness.connector.calls.slice(before).filter((call) => call.conversationId === conversationId)[0]?.body,
    );
  }

  it.each(TABLE)('%s: "%s" is %s', async (from, text, expected) => {
    const reply = await say(from, text);
    expect(REFUSAL.test(reply) ? 'refused' : 'allowed', reply.slice(0, 400)).toBe(expected);
    if (expected === 'refused' && /needs the/.test(reply)) expect(reply).toMatch(/ROLE_|APPROVERS/);
  });

  it('refuses card buttons server-side to callers without the role', async () => {
    const response = await harness.post(
      invokeActivity(
        'approval.approve',
        { approvalId: 'a-abcdef' },
        { serviceUrl: harness.connector.url, from: ISAIAH },
      ),
    );
    expect(JSON.stringify(response.body)).toContain('needs the approver role');
    const run = await harness.post(
      invokeActivity('run.verify', { runId: 'r-abcdef' }, { serviceUrl: harness.connector.url, from: ISAIAH }),
    );
    expect(JSON.stringify(run.body)).toContain('needs the operator role');
  });

  it('help follows the caller: what they may run, then what needs a role they lack', async () => {
    const reader = await say(ISAIAH, 'help');
    expect(reader).toContain('"title":"policy create","value":"needs operator (granted through ROLE_OPERATORS)"');
    expect(reader).toContain('**check**');
    const operator = await say(ADELE, 'help');
    expect(operator).toContain('**policy create**');
  });

  it('audits refusals with who, what and the missing role', async () => {
    await say(ISAIAH, 'enable PS100015');
    const refusals = (await harness.services.audit.read()).filter((entry) => entry.action === 'access.refused');
    expect(
      refusals.some(
        (entry) => entry.actor.aadObjectId === ISAIAH.aadObjectId && JSON.stringify(entry.details).includes('operator'),
      ),
    ).toBe(true);
  });

  it('a removal from the operators group takes effect within the cache lifetime, without a restart', async () => {
    expect(
      REFUSAL.test(await say(ADELE, 'policy create edr --target configmgr --name "EDR before" --sample-sharing all')),
    ).toBe(false);
    const [operators] = await tenant.tenant.directory.findGroups('AttachOps-Operators');
    expect(
      (await tenant.control('POST', 'directory/group-members', { groupId: operators!.id, remove: [ADELE.aadObjectId] }))
        .status,
    ).toBe(200);
    clock.advance(5 * 60_000 + 1);
    expect(await say(ADELE, 'policy create edr --target configmgr --name "EDR after" --sample-sharing all')).toMatch(
      /needs the operator role/,
    );
    const changes = (await harness.services.audit.read()).filter(
      (entry) => entry.action === 'access.changed' && entry.actor.aadObjectId === ADELE.aadObjectId,
    );
    expect(changes.length).toBeGreaterThan(0);
  });
});

describe('every command and card verb declares the role it needs', () => {
  const allowed = new Set<string>([...ROLES, 'anyone']);
  it.each(commands.map((command) => [command.name, command.role] as const))('%s needs %s', (_name, role) => {
    expect(allowed).toContain(role);
  });
  it.each(verbs.map((verb) => [verb.verb, verb.role] as const))('%s needs %s', (_verb, role) => {
    expect(allowed).toContain(role);
  });
});
