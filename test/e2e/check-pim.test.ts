import { afterEach, describe, expect, it } from 'vitest';
import { ADELE, ALEX, ISAIAH } from '../support/activities.js';
import { ruleIcons, startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const ADMIN = 'You are a Global Administrator';
const ELIGIBILITY_PATH = '/graph/beta/roleManagement/directory/roleEligibilityScheduleInstances';

/**
 * graph-intune.md §12.1: the active read (transitiveRoleAssignments) does not see a PIM-eligible Global Administrator
 * who has not activated the role. In the sandbox Adele Vance is eligible and not active, Isaiah Langer neither.
 */
describe('check and Privileged Identity Management, through the bot against the sandbox tenant', () => {
  let chat: WorkflowChat | undefined;
  afterEach(async () => {
    await chat?.close();
    chat = undefined;
  });

  it('passes an active Global Administrator without reading eligibility', async () => {
    chat = await startWorkflowChat({ scenario: 'ready' });
    const card = await chat.say('check', ALEX);
    expect(ruleIcons(card).get(ADMIN)).toBe('✅');
    expect(card).toContain('Alex Wilber holds the Global Administrator role');
    expect((await chat.tenant.requests()).filter((entry) => entry.path === ELIGIBILITY_PATH)).toHaveLength(0);
  });

  it('tells someone eligible but not active to activate the role in PIM, then check again', async () => {
    chat = await startWorkflowChat({ scenario: 'ready' });
    const card = await chat.say('check', ADELE);
    expect(ruleIcons(card).get(ADMIN)).toBe('⚠️');
    expect(card).toContain(
      'Adele Vance is eligible for the Global Administrator role in Privileged Identity Management',
    );
    expect(card).toContain('Activate the role in Privileged Identity Management, then check again.');
    expect(card).not.toContain('does not hold the Global Administrator role');
  });

  it('sees someone made eligible through the control API on the next check', async () => {
    chat = await startWorkflowChat({ scenario: 'ready' });
    expect(await chat.say('check', ISAIAH)).toContain('Isaiah Langer does not hold the Global Administrator role');
    const made = await chat.tenant.control('POST', 'directory/role-eligibility', {
      principalId: ISAIAH.aadObjectId,
    });
    expect(made.status).toBe(201);
    const card = await chat.say('check', ISAIAH);
    expect(card).toContain('Activate the role in Privileged Identity Management, then check again.');
  });

  it("keeps today's message for someone neither active nor eligible", async () => {
    chat = await startWorkflowChat({ scenario: 'ready' });
    const card = await chat.say('check', ISAIAH);
    expect(ruleIcons(card).get(ADMIN)).toBe('⚠️');
    expect(card).toContain(
      'Isaiah Langer does not hold the Global Administrator role, directly or through a group; only tenant attach needs it.',
    );
    expect(card).not.toContain('Privileged Identity Management');
  });

  it('names both possibilities and the permission that tells them apart when the eligibility read is refused', async () => {
    chat = await startWorkflowChat({ scenario: 'ready' });
    // The app consented Directory.Read.All instead of RoleManagement.Read.Directory: roles readable, eligibility not.
    const changed = await chat.tenant.control('POST', 'app/permissions', {
      grant: ['Directory.Read.All'],
      revoke: ['RoleManagement.Read.Directory'],
    });
    expect(changed.status).toBe(200);
    const card = await chat.say('check', ADELE);
    expect(ruleIcons(card).get(ADMIN)).toBe('⚠️');
    expect(card).toContain(
      'either Adele Vance is not a Global Administrator, or is eligible in Privileged Identity Management but has not activated the role',
    );
    expect(card).toContain('RoleEligibilitySchedule.Read.Directory');
    const refused = (await chat.tenant.requests()).filter((entry) => entry.path === ELIGIBILITY_PATH);
    expect(refused.map((entry) => entry.status)).toEqual([403]);
  });
});
