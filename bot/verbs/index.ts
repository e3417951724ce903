import { approvalApproveVerb } from './approval-approve.js';
import { approvalCancelVerb } from './approval-cancel.js';
import { approvalOpenVerb } from './approval-open.js';
import { approvalRefreshVerb } from './approval-refresh.js';
import { approvalRejectVerb } from './approval-reject.js';
import { auditPageVerb } from './audit-page.js';
import { checkRerunVerb } from './check-rerun.js';
import { collectionsEnableVerb } from './collections-enable.js';
import { commandRunVerb } from './command-run.js';
import { collectionsPageVerb } from './collections-page.js';
import { complianceDevicesVerb } from './compliance-devices.js';
import { compliancePageVerb } from './compliance-page.js';
import { compliancePolicyVerb } from './compliance-policy.js';
import { complianceSummaryDevicesVerb } from './compliance-summary-devices.js';
import { driftAcceptVerb } from './drift-accept.js';
import { driftRecreateVerb } from './drift-recreate.js';
import { driftRevertVerb } from './drift-revert.js';
import { helpAllVerb } from './help-all.js';
import { helpUsageVerb } from './help-usage.js';
import { runCancelVerb } from './run-cancel.js';
import { runRefreshVerb } from './run-refresh.js';
import { runRetryVerb } from './run-retry.js';
import { runShowVerb } from './run-show.js';
import { runVerifyVerb } from './run-verify.js';
import { runsMoreVerb } from './runs-more.js';
import { approvalsMoreVerb } from './approvals-more.js';
import type { AnyVerb } from './verb.js';

/** Every card verb the bot handles. The card tests check that each `Action.Execute` verb in a template is here. */
export const verbs: readonly AnyVerb[] = [
  approvalApproveVerb,
  approvalRejectVerb,
  approvalCancelVerb,
  approvalRefreshVerb,
  approvalOpenVerb,
  auditPageVerb,
  checkRerunVerb,
  commandRunVerb,
  collectionsPageVerb,
  collectionsEnableVerb,
  compliancePageVerb,
  complianceDevicesVerb,
  compliancePolicyVerb,
  complianceSummaryDevicesVerb,
  driftRevertVerb,
  driftRecreateVerb,
  driftAcceptVerb,
  helpAllVerb,
  helpUsageVerb,
  runVerifyVerb,
  runRetryVerb,
  runCancelVerb,
  runRefreshVerb,
  runShowVerb,
  runsMoreVerb,
  approvalsMoreVerb,
];
