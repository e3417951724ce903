import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioName } from '../../sandbox/index.js';
import { ruleIcons, startedRunId, startWorkflowChat, type RuleIcon, type WorkflowChat } from './workflow-chat.js';

const EDR_VERSION = 'ConfigMgr version supports EDR policy';
const AV_VERSION = 'ConfigMgr version supports Antivirus policy';
const DEFENDER = 'Defender for Endpoint is connected to Intune';
const ADMIN = 'You are a Global Administrator';
const CLOUD = 'Tenant is in the Azure public cloud';
/** WMI static methods that only read, called with POST as the AdminService requires (configmgr-adminservice.md §1). */
const READ_ONLY_METHOD_CALLS = /\/wmi\/SMS_CoMgmtConfigs\.GetTenantCollectionMapping$/i;

interface ScenarioCase {
  readonly scenario: ScenarioName;
  readonly profile: 'edr' | 'antivirus';
  /** The one rule the scenario breaks, as `check` shows it (a plain report only warns about the admin role). */
  readonly rule: string;
  readonly icon: RuleIcon;
  readonly evidence: RegExp;
}

const CASES: readonly ScenarioCase[] = [
  {
    scenario: 'cb2002-no-hotfix',
    profile: 'edr',
    rule: EDR_VERSION,
    icon: '❌',
    evidence: /KB4563473\) is downloaded, not installed \(State 262146\); EDR policy on 2002 needs KB4563473/,
  },
  {
    scenario: 'cb2002-no-hotfix',
    profile: 'antivirus',
    rule: AV_VERSION,
    icon: '❌',
    evidence: /needs current branch 2006 \(build 9012\) or later/,
  },
  { scenario: 'gov-cloud', profile: 'edr', rule: CLOUD, icon: '❌', evidence: /AzureUSGovernmentCloud/ },
  { scenario: 'mde-off', profile: 'edr', rule: DEFENDER, icon: '❌', evidence: /available/ },
  {
    scenario: 'not-admin',
    profile: 'edr',
    rule: ADMIN,
    icon: '⚠️',
    evidence: /does not hold the Global Administrator role/,
  },
];

describe('scenario checks, through the bot against the sandbox tenant', () => {
  let chat: WorkflowChat | undefined;
  afterEach(async () => {
    await chat?.close();
    chat = undefined;
  });

  it.each(CASES)(
    '$scenario: check $profile flags only "$rule" among version, cloud, Defender and admin',
    async ({ scenario, profile, rule, icon, evidence }) => {
      chat = await startWorkflowChat({ scenario });
      const card = await chat.say(`check ${profile}`);
      const icons = ruleIcons(card);
      expect(icons.get(rule)).toBe(icon);
      expect(card).toMatch(evidence);
      const others = [profile === 'edr' ? EDR_VERSION : AV_VERSION, CLOUD, DEFENDER, ADMIN].filter(
        (title) => title !== rule,
      );
      for (const title of others) expect(icons.get(title), title).toBe('✅');
      expect(icons.get('Tenant attach is configured')).toBe('❌');
    },
  );

  it.each(CASES)(
    '$scenario: onboard $profile stops at its prerequisites naming "$rule", and nothing else is done',
    async ({ scenario, profile, rule }) => {
      chat = await startWorkflowChat({ scenario });
      const runId = startedRunId(await chat.say(`onboard ${profile} --collections PS100042`));
      const failed = await chat.waitForRun(runId, (run) => run.status === 'failed');
      expect(failed.steps.map((step) => step.state)).toEqual(['failed', 'pending', 'pending', 'pending', 'pending']);
      expect(failed.steps[0]?.problem?.title).toBe(
        `${profile === 'edr' ? 'EDR' : 'Antivirus'} policy prerequisites not met: ${rule}`,
      );
      await chat.harness.connector.waitFor(() => chat!.progressCard(runId).latest.includes('Then press Retry.'));
      const card = chat.progressCard(runId).latest;
      expect(card).toContain(rule);
      expect(card).toContain('Then press Retry.');
      const writes = (await chat.tenant.requests()).filter(
        (request) =>
          request.method !== 'GET' &&
          !request.path.includes('/token') &&
          !request.path.includes('$batch') &&
          !READ_ONLY_METHOD_CALLS.test(request.path),
      );
      expect(writes).toEqual([]);
    },
  );
});
