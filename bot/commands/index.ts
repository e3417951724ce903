import type { AnyCommand } from '../context/command-context.js';
import { approvalsCommand } from './approvals.js';
import { assignCommand } from './assign.js';
import { unassignCommand } from './unassign.js';
import { policySetCommand } from './policy-set.js';
import { policyDeleteCommand } from './policy-delete.js';
import { policyRenameCommand } from './policy-rename.js';
import { rolloutCommand } from './rollout.js';
import { rolloutAdvanceCommand } from './rollout-advance.js';
import { rolloutCancelCommand } from './rollout-cancel.js';
import { rolloutPauseCommand } from './rollout-pause.js';
import { rolloutResumeCommand } from './rollout-resume.js';
import { rolloutRollbackCommand } from './rollout-rollback.js';
import { rolloutsCommand } from './rollouts.js';
import { attachCommand } from './attach.js';
import { auditCommand } from './audit.js';
import { auditVerifyCommand } from './audit-verify.js';
import { cancelCommand } from './cancel.js';
import { checkCommand } from './check.js';
import { collectionsCommand } from './collections.js';
import { complianceCommand } from './compliance.js';
import { driftCommand } from './drift.js';
import { driftCheckCommand } from './drift-check.js';
import { unwatchCommand } from './unwatch.js';
import { watchCommand } from './watch.js';
import { enableCommand } from './enable.js';
import { helpCommand } from './help.js';
import { onboardCommand } from './onboard.js';
import { policyCreateCommand } from './policy-create.js';
import { policyListCommand } from './policy-list.js';
import { policyShowCommand } from './policy-show.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { unsubscribeCommand } from './unsubscribe.js';

/** Every command the bot knows. Help, the manifest's command list and the tests are generated from this list. */
export const commands: readonly AnyCommand[] = [
  helpCommand,
  checkCommand,
  attachCommand,
  collectionsCommand,
  enableCommand,
  onboardCommand,
  policyCreateCommand,
  assignCommand,
  approvalsCommand,
  complianceCommand,
  subscribeCommand,
  policyListCommand,
  policyShowCommand,
  unassignCommand,
  policySetCommand,
  policyDeleteCommand,
  policyRenameCommand,
  rolloutCommand,
  rolloutsCommand,
  rolloutPauseCommand,
  rolloutResumeCommand,
  rolloutCancelCommand,
  rolloutRollbackCommand,
  rolloutAdvanceCommand,
  runsCommand,
  runCommand,
  auditCommand,
  auditVerifyCommand,
  cancelCommand,
  subscriptionsCommand,
  unsubscribeCommand,
  driftCommand,
  driftCheckCommand,
  watchCommand,
  unwatchCommand,
];
