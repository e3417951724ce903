import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { IntuneHoldForecast } from '../../../bot/approvals/intune-hold-forecast.js';
import { ConversationUnreachableError } from '../../../bot/conversations/proactive-messenger.js';
import { PersonalChats } from '../../../bot/conversations/personal-chats.js';
import { IntuneHoldNotices } from '../../../bot/runs/intune-hold-notices.js';
import type { IntuneAccessPolicy } from '../../../core/ports/intune-approvals.js';
import type { RunRecord } from '../../../core/runs/run-record.js';
import { intuneApproved, intuneHeld } from '../../cards/run-fixtures.js';
import { FakeClock } from '../../support/fake-clock.js';
import { recordingLogger } from '../../support/recording-logger.js';

const alex = { aadObjectId: '00000000-0000-4000-8000-00000000a1e7', channelUserId: '29:alex', name: 'Alex Wilber' };

async function setup(conversationId: string) {
  const storage = createMemoryStorage();
  const sent: { conversationId: string; text: string }[] = [];
  const unreachable = new Set<string>();
  const personalChats = new PersonalChats(storage);
  await personalChats.remember(alex, { id: 'a:alex', type: 'personal' });
  const log = recordingLogger();
  const options = {
    messenger: {
      postText: async (to: string, text: string) => {
        if (unreachable.has(to)) throw new ConversationUnreachableError(to, 404);
        sent.push({ conversationId: to, text });
        return `activity-${sent.length}`;
      },
    },
    personalChats,
    storage,
    clock: new FakeClock(Date.parse('2026-11-23T10:00:00Z')),
    log,
  };
  const run: RunRecord = { ...intuneHeld, requestedBy: alex, conversationId };
  return { sent, unreachable, log, run, options, notices: new IntuneHoldNotices(options) };
}

describe('IntuneHoldNotices', () => {
  it('tells the requester once, in their personal chat, with the request id as text to copy', async () => {
    const { sent, run, notices, options } = await setup('a:alex');
    notices.runChanged(run);
    notices.runChanged({ ...run, updatedAt: '2026-11-23T10:00:30Z' });
    await notices.idle();
    // Another instance seeing the same hold sends nothing more.
    const other = new IntuneHoldNotices(options);
    other.runChanged(run);
    await other.idle();
    expect(sent.map((message) => message.conversationId)).toEqual(['a:alex']);
    expect(sent[0]?.text).toContain(
      'Intune holds "Create policy EDR pilot" for a second Intune administrator (SG-Intune-Approvers)',
    );
    expect(sent[0]?.text).toContain('Request id: `5c2f8a1e-3b7d-4e9a-8c6f-1d2e3f4a5b6c`');
    expect(sent[0]?.text).toContain('the request expires tomorrow 09:55 UTC');
  });

  it('tells the channel the request came from too, one message each', async () => {
    const { sent, run, notices } = await setup('19:channel@thread.tacv2');
    notices.runChanged(run);
    await notices.idle();
    expect(sent.map((message) => message.conversationId).sort()).toEqual(['19:channel@thread.tacv2', 'a:alex']);
  });

  it('says nothing for a run Intune already decided, and one warning line for a chat it cannot reach', async () => {
    const { sent, run, notices, unreachable, log } = await setup('a:alex');
    notices.runChanged({ ...intuneApproved, requestedBy: alex, conversationId: 'a:alex' });
    await notices.idle();
    expect(sent).toEqual([]);
    unreachable.add('a:alex');
    notices.runChanged(run);
    await notices.idle();
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(log.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(log.lines[0]?.fields).not.toHaveProperty('err');
  });
});

describe('IntuneHoldForecast', () => {
  const policy = (changes: Partial<IntuneAccessPolicy>): IntuneAccessPolicy => ({
    id: 'p1',
    displayName: 'Protect configuration policies',
    policyType: 'configurationPolicy',
    approverGroups: ['SG-Intune-Approvers'],
    ...changes,
  });
  const forecast = (policies: IntuneAccessPolicy[] | Error) =>
    new IntuneHoldForecast(
      {
        listAccessPolicies: async () => {
          if (policies instanceof Error) throw policies;
          return policies;
        },
      },
      new FakeClock(),
      recordingLogger(),
    ).line();

  it('announces the hold where an access policy protects configuration policies and does not exclude the bot', async () => {
    expect(await forecast([policy({})])).toMatch(
      /^Intune will hold this change for a second Intune administrator \(SG-Intune-Approvers\)/,
    );
    expect(await forecast([policy({ excludesThisApp: true })])).toBe('');
    expect(await forecast([policy({ policyType: 'script' })])).toBe('');
    expect(await forecast([])).toBe('');
    expect(await forecast(new Error('403'))).toBe('');
  });
});
