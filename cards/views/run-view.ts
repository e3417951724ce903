import type { RunRecord, RunStatus, StepRecord, StepState } from '../../core/runs/run-record.js';
import { commandLines } from '../command-lines.js';
import type { RunListEntry } from '../../core/runs/run-list-index.js';
import { parseGuidance } from '../../core/workflow/guidance.js';
import { currentStep } from '../../core/runs/run-record.js';
import { CONSOLE_VERIFICATION } from '../../core/runs/console-verification-wait.js';
import { INTUNE_APPROVAL } from '../../core/maa/intune-gate.js';
import { ROLLOUT_GATE } from '../../core/rollouts/rollout-steps.js';
import { isRollout } from '../../core/rollouts/rollout-timeline.js';
import { formatMoment } from '../time-format.js';
import type { CardExtras, DetailFact, NextStep } from '../card-extras.js';
import { EMPTY_INTUNE_GATE, type IntuneGateView, toIntuneGateView } from './intune-gate-view.js';
import { EMPTY_ROLLOUT, type RolloutView, toRolloutView } from './rollout-view.js';
import { runNextSteps } from './run-next-steps.js';
import { plainText, type PlainText } from './technical-text.js';

export interface RunStepView {
  readonly icon: string;
  readonly title: string;
  readonly stateLabel: string;
  readonly duration: string;
  readonly message: string;
}

export interface GuidanceView {
  readonly title: string;
  readonly steps: readonly string[];
  /** The PowerShell command, one parameter a line (command-lines.ts); empty when there is none. */
  readonly commandLines: readonly string[];
  readonly verifyHint: string;
}

export interface RunProgressView extends CardExtras {
  readonly runId: string;
  readonly title: string;
  readonly requestedBy: string;
  readonly statusIcon: string;
  readonly statusLabel: string;
  readonly continuedNote: string;
  readonly steps: readonly RunStepView[];
  readonly hasGuidance: boolean;
  readonly guidance: GuidanceView;
  readonly hasIntuneGate: boolean;
  readonly intuneGate: IntuneGateView;
  /** A rollout: its rings as a timeline (rollout-view.ts). */
  readonly hasRollout: boolean;
  readonly rollout: RolloutView;
  readonly hasProblem: boolean;
  readonly problem: { readonly title: string; readonly message: string; readonly fix: string };
  readonly nextAction: string;
  readonly canVerify: boolean;
  readonly canRetry: boolean;
  readonly canCancel: boolean;
  /** People Teams refreshes the card for, so the requester sees Retry and Cancel; empty once the run ended. */
  readonly userIds: readonly string[];
  readonly details: readonly DetailFact[];
  readonly nextSteps: readonly NextStep[];
}

/** What the person looking at the card may do; absent for the card everyone sees. */
export interface RunViewer {
  /** May press Verify (operators). */
  readonly operator: boolean;
  /** May Retry and Cancel: the requester, or an admin. */
  readonly owner: boolean;
}

export interface RunListView {
  readonly runs: readonly {
    runId: string;
    title: string;
    statusIcon: string;
    statusLabel: string;
    requestedBy: string;
    when: string;
  }[];
  readonly heading: string;
  /** The More button's opaque continuation token; empty on the last page (no button). */
  readonly continuation: string;
}

const STEP_ICONS: Record<StepState, string> = {
  pending: '⚪',
  running: '🔄',
  'waiting-for-admin': '🛠️',
  'waiting-for-approval': '⏳',
  'outcome-unknown': '🔎',
  waiting: '⏳',
  done: '✅',
  skipped: '⏭️',
  failed: '❌',
};

const STEP_LABELS: Record<StepState, string> = {
  pending: 'pending',
  running: 'running',
  'waiting-for-admin': 'waiting for you',
  'waiting-for-approval': 'waiting for approval',
  'outcome-unknown': 'checking whether the change landed',
  waiting: 'waiting',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
};

/** How a step waiting on a wait kind reads, by kind; other kinds read as plain "waiting". */
const WAIT_LOOKS: Record<string, { readonly icon: string; readonly label: string } | undefined> = {
  [INTUNE_APPROVAL]: { icon: '🛡️', label: 'waiting for Intune' },
  [CONSOLE_VERIFICATION]: { icon: '🛠️', label: 'waiting for you' },
  [ROLLOUT_GATE]: { icon: '🌱', label: 'soaking, then the gate' },
};

const RUN_ICONS: Record<RunStatus, string> = { active: '🔄', waiting: '⏳', done: '✅', failed: '❌', cancelled: '🚫' };
const RUN_LABELS: Record<RunStatus, string> = {
  active: 'in progress',
  waiting: 'waiting',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

const EMPTY_GUIDANCE: GuidanceView = { title: '', steps: [], commandLines: [], verifyHint: '' };

export function toRunProgressView(
  run: RunRecord,
  now: Date,
  options: { continued?: boolean; viewer?: RunViewer } = {},
): RunProgressView {
  const viewer = options.viewer;
  const step = currentStep(run);
  const live = run.status === 'active' || run.status === 'waiting';
  const waitingForAdmin = live && (step?.state === 'waiting-for-admin' || isVerifying(step));
  const guidance = waitingForAdmin && step ? parseGuidance(step.guidance) : undefined;
  const failed = run.steps.find((candidate) => candidate.state === 'failed');
  const intuneGate = toIntuneGateView(run, now);
  const messages = run.steps.map((candidate) => plainText(candidate.message ?? '', now));
  const problem = {
    message: plainText(failed?.problem?.message ?? '', now),
    fix: plainText(failed?.problem?.fix ?? '', now),
  };
  const next = runNextSteps(run);
  const rollout = isRollout(run) ? toRolloutView(run, now) : undefined;
  return {
    runId: run.id,
    title: run.title,
    requestedBy: run.requestedBy.name,
    statusIcon: RUN_ICONS[run.status],
    statusLabel: RUN_LABELS[run.status],
    continuedNote: options.continued ? 'This card continues an earlier one that could no longer be updated.' : '',
    steps: run.steps.map((candidate, index) => toStepView(candidate, now, messages[index])),
    hasGuidance: guidance !== undefined,
    guidance: guidance
      ? {
          title: guidance.title,
          steps: guidance.steps,
          commandLines: guidance.commandLine === undefined ? [] : commandLines(guidance.commandLine),
          verifyHint: guidance.verifyHint,
        }
      : EMPTY_GUIDANCE,
    hasIntuneGate: intuneGate !== undefined,
    intuneGate: intuneGate ?? EMPTY_INTUNE_GATE,
    hasRollout: rollout !== undefined,
    rollout: rollout ?? EMPTY_ROLLOUT,
    hasProblem: failed?.problem !== undefined,
    problem: {
      title: failed?.problem?.title ?? '',
      message: problem.message.text,
      fix: problem.fix.text,
    },
    nextAction: rollout?.nextAction ?? (run.status === 'done' ? next.hint : nextAction(run, step)),
    canVerify: waitingForAdmin && (viewer?.operator ?? true),
    canRetry: run.status === 'failed' && failed !== undefined && (viewer?.owner ?? false),
    canCancel: live && (viewer?.owner ?? false),
    userIds: live || run.status === 'failed' ? [run.requestedBy.channelUserId] : [],
    details: [
      ...run.steps.flatMap((candidate, index) => technicalFact(candidate.title, messages[index])),
      ...technicalFact('Problem', problem.message),
      ...technicalFact('Fix', problem.fix),
      ...(intuneGate ? [{ title: 'Intune request', value: intuneGate.requestId }] : []),
    ],
    nextSteps: rollout ? [...rollout.nextSteps, ...next.steps] : next.steps,
  };
}

function technicalFact(title: string, text: PlainText | undefined): DetailFact[] {
  return text && text.technical.length > 0 ? [{ title, value: text.technical.join('; ') }] : [];
}

export function toRunListView(
  runs: readonly RunListEntry[],
  now: Date,
  paging: { readonly more?: string; readonly older?: boolean } = {},
): RunListView {
  return {
    heading: paging.older === true ? 'Older runs' : 'Recent runs',
    continuation: paging.more ?? '',
    runs: runs.map((run) => ({
      runId: run.id,
      title: run.title,
      statusIcon: RUN_ICONS[run.status],
      statusLabel: RUN_LABELS[run.status],
      requestedBy: run.requestedBy.name,
      when: formatMoment(run.updatedAt, now),
    })),
  };
}

function toStepView(step: StepRecord, now: Date, message: PlainText | undefined): RunStepView {
  const waitLook = step.state === 'waiting' && step.wait ? WAIT_LOOKS[step.wait.kind] : undefined;
  return {
    icon: waitLook?.icon ?? STEP_ICONS[step.state],
    title: step.title,
    stateLabel: waitLook?.label ?? STEP_LABELS[step.state],
    duration: durationOf(step, now),
    message: message?.text ?? '',
  };
}

function durationOf(step: StepRecord, now: Date): string {
  if (!step.startedAt) return '';
  const end = step.endedAt ? Date.parse(step.endedAt) : now.getTime();
  const seconds = Math.max(0, Math.round((end - Date.parse(step.startedAt)) / 1000));
  return seconds < 60
    ? `${seconds}s`
    : seconds < 3600
      ? `${Math.floor(seconds / 60)}m ${seconds % 60}s`
      : `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

function nextAction(run: RunRecord, step: StepRecord | undefined): string {
  if (run.status === 'done') return '';
  if (run.status === 'cancelled') return '';
  if (run.status === 'failed') return 'Fix what the problem names, then press Retry.';
  if (!step) return '';
  if (isVerifying(step)) return 'I am checking; the card updates by itself.';
  if (step.state === 'waiting-for-admin') return 'Do the steps above in the ConfigMgr console, then press Verify.';
  if (step.state === 'waiting-for-approval') return 'An approver decides on the approval card.';
  if (step.state === 'outcome-unknown') return 'Nothing to do: I read the tenant before trying again.';
  if (step.state === 'waiting' && step.wait?.kind === INTUNE_APPROVAL) {
    return 'An Intune admin in the approver group approves or rejects it in the Intune admin center; I check by myself (Refresh checks now).';
  }
  if (step.state === 'waiting') return 'I check by myself; the card updates by itself (Refresh checks now).';

  return '';
}

function isVerifying(step: StepRecord | undefined): boolean {
  return step?.state === 'waiting' && step.wait?.kind === CONSOLE_VERIFICATION;
}
