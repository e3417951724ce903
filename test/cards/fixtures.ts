import { commands } from '../../bot/commands/index.js';
import type { TemplateViews } from '../../cards/templates.js';
import { toCommandUsageView, toHelpView } from '../../cards/views/help-view.js';
import { toErrorView } from '../../cards/views/message-view.js';
import { toPrerequisitesView } from '../../cards/views/prerequisites-view.js';
import { toUsageErrorView } from '../../cards/views/usage-error-view.js';
import { toWelcomeView } from '../../cards/views/welcome-view.js';
import { sampleReport } from '../unit/prerequisites/sample-report.js';
import { approvalFixtures, approvalListFixtures } from './approval-fixtures.js';
import { auditLogFixtures, auditVerifyFixtures } from './audit-fixtures.js';
import { driftFixtures } from './drift-fixtures.js';
import { rolloutListFixtures, runListFixtures, runProgressFixtures } from './run-fixtures.js';
import { policyDetailsFixtures, policyListFixtures } from '../unit/policies/card-fixtures.js';
import { collectionsFixtures, consoleStepFixtures } from '../unit/workflow/card-fixtures.js';
import {
  complianceDevicesFixtures,
  compliancePolicyFixtures,
  complianceSubscriptionsFixtures,
  complianceSummaryFixtures,
} from '../unit/compliance/card-fixtures.js';

/** The moment fixtures are read against: times in them show as today / yesterday / a date. */
export const FIXTURE_NOW = new Date('2026-11-23T13:00:00Z');

const firstCommand = commands[0];
if (!firstCommand) throw new Error('no commands registered');

/** Realistic data for every template; a template without fixtures fails the card tests. */
export const fixtures: { [N in keyof TemplateViews]: readonly TemplateViews[N][] } = {
  approval: approvalFixtures,
  'approval-list': approvalListFixtures,
  'audit-log': auditLogFixtures,
  'audit-verify': auditVerifyFixtures,
  help: [toHelpView(commands)],
  'command-usage': commands.map(toCommandUsageView),
  'usage-error': [
    toUsageErrorView(firstCommand, [{ argument: '--name', problem: 'is required' }]),
    toUsageErrorView(firstCommand, [
      { argument: 'extra', problem: 'is an unexpected extra argument' },
      { argument: '--target', problem: 'Invalid option: expected one of "intune"|"configmgr"' },
    ]),
  ],
  'unknown-command': [
    { typed: 'frobnicate', suggestions: [] },
    { typed: 'hlep', suggestions: ['help'] },
  ],
  error: [
    toErrorView({
      title: 'Collection not found',
      message: 'No collection PS1000FF.',
      fix: 'Type collections.',
      correlationId: 'c0ffee00-0000-4000-8000-000000000000',
    }),
    toErrorView({
      title: 'Something went wrong',
      message: 'See the log.',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    }),
  ],
  notice: [{ title: 'Hello!', message: 'Type **help** to see what I can do.' }],
  'policy-details': policyDetailsFixtures,
  'policy-list': policyListFixtures,
  prerequisites: [
    toPrerequisitesView(sampleReport(), FIXTURE_NOW),
    toPrerequisitesView(sampleReport(['PS100042']), FIXTURE_NOW),
  ],
  'run-progress': runProgressFixtures,
  'rollout-list': rolloutListFixtures,
  'run-list': runListFixtures,
  collections: collectionsFixtures,
  'console-step': consoleStepFixtures,
  drift: driftFixtures,
  'compliance-summary': complianceSummaryFixtures,
  'compliance-policy': compliancePolicyFixtures,
  'compliance-devices': complianceDevicesFixtures,
  'compliance-subscriptions': complianceSubscriptionsFixtures,
  welcome: [toWelcomeView('personal'), toWelcomeView('channel')],
};
