import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleIcons, startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

const RULE = 'EDR policies reach tenant-attached clients that are not co-managed';

/** graph-intune.md §11.7: ConfigMgr 2503–2509 with tenant-attached clients that are not co-managed. */
describe('check edr warns about the 2503 regression, against the sandbox tenant', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({ scenario: 'cb2503', syncDelaySeconds: 0 });
  });
  afterAll(async () => {
    await chat.close();
  });

  it('warns on 2503 without co-management, with the fix and the doc link; passes once every client is co-managed', async () => {
    const report = await chat.say('check edr');
    expect(ruleIcons(report).get(RULE)).toBe('⚠️');
    expect(report).toContain('The site is on current branch 2503');
    expect(report).toContain('some tenant-attached clients are not co-managed');
    expect(report).toContain('Update the site to Configuration Manager 2603 or later');
    expect(report).toContain('intune/configmgr/hotfix/2603');
    expect(ruleIcons(await chat.say('check antivirus')).has(RULE)).toBe(false);

    await chat.tenant.control('POST', 'console/tenant-attach', { uploadScope: 'all', coManagement: true });
    const after = await chat.say('check edr');
    expect(ruleIcons(after).get(RULE)).toBe('✅');
    expect(after).toContain('every client is co-managed');
  });
});
