import collections from './templates/collections.json' with { type: 'json' };
import rolloutList from './templates/rollout-list.json' with { type: 'json' };
import approval from './templates/approval.json' with { type: 'json' };
import approvalList from './templates/approval-list.json' with { type: 'json' };
import auditLog from './templates/audit-log.json' with { type: 'json' };
import auditVerify from './templates/audit-verify.json' with { type: 'json' };
import commandUsage from './templates/command-usage.json' with { type: 'json' };
import complianceDevices from './templates/compliance-devices.json' with { type: 'json' };
import compliancePolicy from './templates/compliance-policy.json' with { type: 'json' };
import complianceSubscriptions from './templates/compliance-subscriptions.json' with { type: 'json' };
import complianceSummary from './templates/compliance-summary.json' with { type: 'json' };
import consoleStep from './templates/console-step.json' with { type: 'json' };
import drift from './templates/drift.json' with { type: 'json' };
import error from './templates/error.json' with { type: 'json' };
import help from './templates/help.json' with { type: 'json' };
import notice from './templates/notice.json' with { type: 'json' };
import policyDetails from './templates/policy-details.json' with { type: 'json' };
import policyList from './templates/policy-list.json' with { type: 'json' };
import prerequisites from './templates/prerequisites.json' with { type: 'json' };
import runList from './templates/run-list.json' with { type: 'json' };
import runProgress from './templates/run-progress.json' with { type: 'json' };
import unknownCommand from './templates/unknown-command.json' with { type: 'json' };
import usageError from './templates/usage-error.json' with { type: 'json' };
import welcome from './templates/welcome.json' with { type: 'json' };
import type { CollectionsView } from './views/collections-view.js';
import type { ConsoleStepView } from './views/console-step-view.js';
import type { DriftView } from './views/drift-view.js';
import type { ComplianceDevicesView } from './views/compliance-devices-view.js';
import type { CompliancePolicyView } from './views/compliance-policy-view.js';
import type { ComplianceSubscriptionsView } from './views/compliance-subscriptions-view.js';
import type { ComplianceSummaryView } from './views/compliance-summary-view.js';
import type { ApprovalListView } from './views/approval-list-view.js';
import type { ApprovalView } from './views/approval-view.js';
import type { AuditLogView } from './views/audit-log-view.js';
import type { AuditVerifyView } from './views/audit-verify-view.js';
import type { CommandUsageView, HelpView } from './views/help-view.js';
import type { ErrorView, NoticeView } from './views/message-view.js';
import type { PolicyDetailsView } from './views/policy-details-view.js';
import type { PolicyListView } from './views/policy-list-view.js';
import type { PrerequisitesView } from './views/prerequisites-view.js';
import type { RunListView, RunProgressView } from './views/run-view.js';
import type { RolloutListView } from './views/rollout-view.js';
import type { UnknownCommandView, UsageErrorView } from './views/usage-error-view.js';
import type { WelcomeView } from './views/welcome-view.js';

/** Every card template, by name; each is rendered from the view type of the same name in `TemplateViews`. */
export const templates = {
  approval,
  'approval-list': approvalList,
  'audit-log': auditLog,
  'audit-verify': auditVerify,
  collections,
  'command-usage': commandUsage,
  'compliance-devices': complianceDevices,
  'compliance-policy': compliancePolicy,
  'compliance-subscriptions': complianceSubscriptions,
  'compliance-summary': complianceSummary,
  'console-step': consoleStep,
  drift,
  error,
  help,
  notice,
  'policy-details': policyDetails,
  'policy-list': policyList,
  prerequisites,
  'rollout-list': rolloutList,
  'run-list': runList,
  'run-progress': runProgress,
  'unknown-command': unknownCommand,
  'usage-error': usageError,
  welcome,
} as const satisfies Record<string, object>;

export interface TemplateViews {
  approval: ApprovalView;
  'approval-list': ApprovalListView;
  'audit-log': AuditLogView;
  'audit-verify': AuditVerifyView;
  collections: CollectionsView;
  'command-usage': CommandUsageView;
  'compliance-devices': ComplianceDevicesView;
  'compliance-policy': CompliancePolicyView;
  'compliance-subscriptions': ComplianceSubscriptionsView;
  'compliance-summary': ComplianceSummaryView;
  'console-step': ConsoleStepView;
  drift: DriftView;
  error: ErrorView;
  help: HelpView;
  notice: NoticeView;
  'policy-details': PolicyDetailsView;
  'policy-list': PolicyListView;
  prerequisites: PrerequisitesView;
  'rollout-list': RolloutListView;
  'run-list': RunListView;
  'run-progress': RunProgressView;
  'unknown-command': UnknownCommandView;
  'usage-error': UsageErrorView;
  welcome: WelcomeView;
}

export type TemplateName = keyof typeof templates;
