import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { ChangeConfirmations } from '../../../bot/runs/change-confirmations.js';
import { PersonalChats } from '../../../bot/conversations/personal-chats.js';
import type { ApprovalRecord } from '../../../core/approvals/approval-record.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { RecordingMessenger } from '../../support/app-services.js';
import { FakeClock } from '../../support/fake-clock.js';
import { pendingApproval } from '../../cards/approval-fixtures.js';

const alex = { aadObjectId: '00000000-0000-4000-8000-00000000a1e7', channelUserId: '29:alex', name: 'Alex Wilber' };
const megan = { aadObjectId: '00000000-0000-4000-8000-0000000003e6', channelUserId: '29:megan', name: 'Megan Bowen' };

const failedRun: RunRecord = {
  id: 'r-fail01',
  kind: 'policy-create',
  title: 'Create EDR policy "EDR pilot"',
  requestedBy: alex,
  conversationId: '19:group',
  createdAt: '2026-11-23T09:00:00Z',
  updatedAt: '2026-11-23T09:02:00Z',
  status: 'failed',
  resources: [],
  steps: [
    { id: 's1', kind: 'approval', title: 'Approval', state: 'done', input: { approvalId: 'a-1' }, attempts: 1 },
    {
      id: 's2',
      kind: 'policy-create',
      title: 'Create policy EDR pilot',
      state: 'failed',
      input: {},
      attempts: 1,
      problem: { title: 'Intune refused the policy', message: 'Bad request', fix: 'Check the name.' },
    },
  ],
};

async function setup() {
  const storage = createMemoryStorage();
  const messenger = new RecordingMessenger();
  const personalChats = new PersonalChats(storage);
  await personalChats.remember(alex, { id: 'a:alex', type: 'personal' });
  await personalChats.remember(megan, { id: 'a:megan', type: 'personal' });
  await personalChats.remember(megan, { id: '19:not-personal', type: 'groupChat' });
  const record: ApprovalRecord = {
    ...pendingApproval,
    id: 'a-1',
    status: 'approved',
    approvals: [{ by: megan, at: '2026-11-23T09:01:00Z' }],
  };
  const confirmations = new ChangeConfirmations({
    messenger,
    approvals: { get: async (id: string) => (id === 'a-1' ? record : undefined) },
    personalChats,
    storage,
    clock: new FakeClock(),
    log: silentLogger,
  });
  return { messenger, confirmations };
}

describe('change confirmations', () => {
  it('tell requester and approver in their personal chats that the change failed, once, with the way to the run', async () => {
    const { messenger, confirmations } = await setup();
    confirmations.runChanged(failedRun);
    confirmations.runChanged(failedRun);
    await confirmations.idle();
    expect(messenger.posted.map((post) => post.conversationId).sort()).toEqual(['a:alex', 'a:megan']);
    const card = JSON.stringify(messenger.posted[0]?.card);
    expect(card).toContain('Failed: Create EDR policy');
    expect(card).toContain('Intune refused the policy. Check the name.');
    expect(card).toContain('"command":"run r-fail01"');
  });

  it('stay silent for runs that changed nothing behind an approval, and for runs still going', async () => {
    const { messenger, confirmations } = await setup();
    confirmations.runChanged({ ...failedRun, id: 'r-attach', steps: [] });
    confirmations.runChanged({ ...failedRun, id: 'r-live', status: 'active' });
    await confirmations.idle();
    expect(messenger.posted).toEqual([]);
  });
});
