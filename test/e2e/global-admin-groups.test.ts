import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ACCESS_ENV } from '../../sandbox/index.js';
import { MEGAN, PATTI, type TestUser } from '../support/activities.js';
import { ruleIcons, startedRunId, startWorkflowChat, type WorkflowChat } from './workflow-chat.js';

/**
 * graph-intune.md §11.1: the role comes back on the GROUP's id. Patti holds Global Administrator only through the
 * role-assignable group Role-Global-Administrators, Megan only through a group nested in it. Both are made operators
 * here so they may start attach.
 */
describe('Global Administrator through groups, through the bot against the sandbox tenant', () => {
  let chat: WorkflowChat;
  beforeAll(async () => {
    chat = await startWorkflowChat({
      scenario: 'fresh',
      env: {
        ROLE_OPERATORS: `${SANDBOX_ACCESS_ENV.ROLE_OPERATORS ?? ''}, user:${PATTI.aadObjectId ?? ''}, user:${MEGAN.aadObjectId ?? ''}`,
      },
    });
  });
  afterAll(async () => {
    await chat.close();
  });

  const cases: Array<[string, TestUser]> = [
    ['through a role-assignable group (Patti)', PATTI],
    ['through a nested group (Megan)', MEGAN],
  ];
  for (const [how, user] of cases) {
    it(`passes the Global Administrator rule and starts attach for a Global Administrator ${how}`, async () => {
      const report = await chat.say('check edr', user);
      expect(ruleIcons(report).get('You are a Global Administrator')).toBe('✅');
      expect(report).toContain(`${user.name} holds the Global Administrator role`);

      const runId = startedRunId(await chat.say('attach', user));
      const waiting = await chat.waitForRun(runId, (run) => run.status === 'waiting' || run.status === 'failed');
      expect(waiting.status).toBe('waiting');
      expect(waiting.steps[0]?.state).toBe('waiting-for-admin');
      await chat.harness.services.runs.cancel(runId, { channelUserId: 'test', name: 'test' });
    });
  }
});
