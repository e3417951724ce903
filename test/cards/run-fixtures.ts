import type { RunRecord } from '../../core/runs/run-record.js';
import { type RolloutListView, toRolloutListView } from '../../cards/views/rollout-view.js';
import { ROLLOUT_NOW, rolloutRun } from './rollout-fixtures.js';
import {
  toRunListView,
  toRunProgressView,
  type RunListView,
  type RunProgressView,
} from '../../cards/views/run-view.js';

const now = new Date('2026-11-23T10:00:00Z');

const base: RunRecord = {
  id: 'r-7k2m9q',
  kind: 'onboard',
  title: 'Onboard EDR for PS1 - Contoso',
  requestedBy: { aadObjectId: 'a', channelUserId: '29:a', name: 'Alex Wilber' },
  conversationId: 'conv',
  createdAt: '2026-11-23T09:50:00Z',
  updatedAt: '2026-11-23T09:59:00Z',
  status: 'waiting',
  resources: ['tenant-attach'],
  steps: [
    {
      id: 's1',
      kind: 'check',
      title: 'Check prerequisites',
      state: 'done',
      input: {},
      attempts: 1,
      startedAt: '2026-11-23T09:50:00Z',
      endedAt: '2026-11-23T09:50:03Z',
      message: 'all pass',
    },
    {
      id: 's2',
      kind: 'tenant-attach',
      title: 'Tenant attach',
      state: 'waiting-for-admin',
      input: {},
      attempts: 1,
      startedAt: '2026-11-23T09:50:03Z',
      message: 'Do this in the ConfigMgr console',
      guidance: {
        title: 'Turn on upload to the Microsoft Endpoint Manager admin center',
        steps: Array.from(
          { length: 8 },
          (_, index) =>
            `${index + 1}. Administration > Cloud Services > Cloud Attach > step ${index + 1} with a fairly long explanation of what to click`,
        ),
        commandLine: 'Set-CMCollectionCloudSync -Id PS100042 -EnableAssignEndpointSecurityPolicy $true',
        verifyHint: 'Uploads run every 15 minutes; see CMGatewaySyncUploadWorker.log.',
        logs: ['CMGatewaySyncUploadWorker.log'],
      },
    },
    { id: 's3', kind: 'enable-collection', title: 'Enable PS100042', state: 'pending', input: {}, attempts: 0 },
  ],
};

const failed: RunRecord = {
  ...base,
  status: 'failed',
  steps: [
    ...base.steps.slice(0, 1),
    {
      ...base.steps[1]!,
      state: 'failed',
      guidance: undefined,
      problem: {
        title: 'Not a Global Administrator',
        message: 'Alex does not hold Global Administrator.',
        fix: 'Ask a Global Administrator to run attach.',
      },
    },
    base.steps[2]!,
  ],
};

const done: RunRecord = {
  ...base,
  status: 'done',
  steps: base.steps.map((step) => ({ ...step, state: 'done', endedAt: '2026-11-23T09:59:00Z' })),
};

/** A policy create that Intune holds for Multi Admin Approval, then the same run once Intune approved it. */
const gate = {
  requestId: '5c2f8a1e-3b7d-4e9a-8c6f-1d2e3f4a5b6c',
  operation: 'create configurationPolicy',
  heldWrite: {},
  heldAt: '2026-11-23T09:55:00Z',
  status: 'needsApproval' as const,
  expiresAt: '2026-11-24T09:55:00Z',
  approverGroups: ['SG-Intune-Approvers'],
};
export const intuneHeld: RunRecord = {
  ...base,
  kind: 'policy-create',
  title: 'Create policy EDR pilot',
  steps: [
    {
      id: 's1',
      kind: 'create-policy',
      title: 'Create policy EDR pilot',
      state: 'waiting',
      input: {},
      attempts: 1,
      startedAt: '2026-11-23T09:55:00Z',
      message: 'Intune holds this change for Multi Admin Approval',
      wait: { kind: 'intune-approval', startedAt: '2026-11-23T09:55:00Z', checks: 1, state: gate },
    },
  ],
};
export const intuneApproved: RunRecord = {
  ...intuneHeld,
  status: 'done',
  steps: intuneHeld.steps.map((step) => ({
    ...step,
    state: 'done',
    endedAt: '2026-11-23T09:58:00Z',
    message: 'Created policy EDR pilot',
    wait: step.wait && {
      ...step.wait,
      endedAt: '2026-11-23T09:58:00Z',
      state: { ...gate, status: 'completed', decidedBy: 'Patti Fernandez' },
    },
  })),
};

export const runProgressFixtures: readonly RunProgressView[] = [
  toRunProgressView(base, now),
  toRunProgressView(failed, now),
  toRunProgressView(done, now, { continued: true }),
  toRunProgressView(intuneHeld, now),
  toRunProgressView(intuneApproved, now),
  toRunProgressView(rolloutRun('soaking'), ROLLOUT_NOW),
  toRunProgressView(rolloutRun('paused'), ROLLOUT_NOW),
  toRunProgressView(rolloutRun('passed', 'asking'), ROLLOUT_NOW),
  toRunProgressView(rolloutRun('passed', 'halted'), ROLLOUT_NOW),
  toRunProgressView(rolloutRun('passed', 'passed', 'done'), ROLLOUT_NOW),
];

export const rolloutListFixtures: readonly RolloutListView[] = [
  toRolloutListView([], ROLLOUT_NOW),
  toRolloutListView(
    [
      rolloutRun('passed', 'passed', 'done'),
      rolloutRun('soaking'),
      rolloutRun('passed', 'halted'),
      rolloutRun('paused'),
    ],
    ROLLOUT_NOW,
  ),
];

export const runListFixtures: readonly RunListView[] = [
  toRunListView([], now),
  toRunListView(
    Array.from({ length: 10 }, (_, index) => ({
      ...base,
      id: `r-abcd${index}x`,
      title: `Run number ${index} with a long-ish title for the list`,
    })),
    now,
  ),
];
