import { describe, expect, it } from 'vitest';
import { verbs } from '../../../bot/verbs/index.js';
import { dispatchVerb } from '../../../bot/verbs/dispatch-verb.js';
import type { ChangePlan } from '../../../core/approvals/change-plan.js';
import type { Actor } from '../../../core/actor.js';
import { testAppServices, testCommandContext } from '../../support/app-services.js';

const alex: Actor = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', channelUserId: '29:alex', name: 'Alex' };
const megan: Actor = { aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002', channelUserId: '29:megan', name: 'Megan' };
const DAY_MS = 24 * 60 * 60 * 1000;

const plan: ChangePlan = {
  kind: 'policy-assign',
  title: 'Assign EDR pilot to Servers',
  intent: { policy: 'EDR pilot' },
  changes: [],
  resources: ['policy-name:EDR pilot'],
  steps: [],
};

describe('a decision on an expired request', () => {
  it.each([
    ['approval.approve', 'approved', {}],
    ['approval.reject', 'rejected', { reason: 'too late' }],
  ])('%s: the card says when it expired as people read times, never the exact timestamp', async (verb, done, extra) => {
    const services = testAppServices({ access: { approvalTtlMs: DAY_MS } });
    const record = await services.approvals.request(plan, alex, 'conv-1');
    // Asked at 09:00 on the fake clock's first day, expired at 09:00 the next, clicked at 10:00.
    services.clock.advance(DAY_MS + 60 * 60 * 1000);
    const context = testCommandContext({ services, actor: megan, roles: ['approver'] });

    const card = await dispatchVerb(
      { action: { type: 'Action.Execute', verb, data: { approvalId: record.id, ...extra } } },
      verbs,
      context,
    );

    const text = JSON.stringify(card);
    const expiredAt = `${record.expiresAt.slice(11, 16)} UTC`;
    expect(text).toContain(`It expired today ${expiredAt} and can no longer be ${done}.`);
    expect(text).not.toContain(record.expiresAt);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });
});
