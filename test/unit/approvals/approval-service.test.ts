import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import type { Actor } from '../../../core/actor.js';
import { Membership } from '../../../core/access/membership.js';
import { ApprovalRecords } from '../../../core/approvals/approval-records.js';
import { approvalStep } from '../../../core/approvals/approval-step.js';
import { ApprovalService } from '../../../core/approvals/approval-service.js';
import type { ChangePlan, Planner } from '../../../core/approvals/change-plan.js';
import { planRecheckStep } from '../../../core/approvals/plan-recheck-step.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import type { Directory } from '../../../core/ports/directory.js';
import { silentLogger } from '../../../core/ports/logger.js';
import type { Storage } from '../../../core/ports/storage.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import type { StepHandler } from '../../../core/runs/step-handler.js';
import { countingStorage } from '../../support/counting-storage.js';
import { FakeClock } from '../../support/fake-clock.js';

const APPROVERS_GROUP = 'g-approvers';
const alex: Actor = { aadObjectId: 'alex', channelUserId: '29:alex', name: 'Alex' };
const megan: Actor = { aadObjectId: 'megan', channelUserId: '29:megan', name: 'Megan' };
const patti: Actor = { aadObjectId: 'patti', channelUserId: '29:patti', name: 'Patti' };
const isaiah: Actor = { aadObjectId: 'isaiah', channelUserId: '29:isaiah', name: 'Isaiah' };

class FakeDirectory implements Directory {
  members = new Map<string, string[]>([
    ['megan', [APPROVERS_GROUP]],
    ['patti', ['g-deputies', APPROVERS_GROUP]],
    ['alex', [APPROVERS_GROUP]],
  ]);
  async isGlobalAdministrator() {
    return false;
  }
  async globalAdministratorEligibility() {
    return 'not-eligible' as const;
  }
  async getUser() {
    return undefined;
  }
  async transitiveGroupIds(userId: string) {
    return this.members.get(userId) ?? [];
  }
  async findGroups(nameOrId: string) {
    return nameOrId === 'AttachOps-Approvers' ? [{ id: APPROVERS_GROUP, displayName: 'AttachOps-Approvers' }] : [];
  }
}

/** A tenant with one fact the plan depends on, and a change step that counts what it does. */
class FakeTenant {
  assignedGroups = ['g-1'];
  performed: string[] = [];

  planner: Planner = {
    kind: 'assign-test',
    plan: async (intent): Promise<ChangePlan> => ({
      kind: 'assign-test',
      title: `Assign ${String(intent.group)}`,
      intent,
      changes: [
        ...this.assignedGroups.map((group) => ({ action: 'keep' as const, subject: group, detail: 'stays' })),
        { action: 'add', subject: String(intent.group), detail: 'added' },
      ],
      resources: ['policy:p1'],
      steps: [{ kind: 'assign-test', title: 'Assign', input: { group: intent.group } }],
    }),
  };

  step: StepHandler = {
    kind: 'assign-test',
    changesTenant: true,
    check: async (step) =>
      this.assignedGroups.includes(String(step.input.group)) ? { done: true, message: 'assigned' } : { done: false },
    perform: async (step) => {
      this.performed.push(String(step.input.group));
      this.assignedGroups.push(String(step.input.group));
      return { kind: 'done', message: 'assigned' };
    },
  };
}

function setup(
  options: {
    quorum?: number;
    ttlMs?: number;
    storage?: Storage;
    tenant?: FakeTenant;
    clock?: FakeClock;
    audit?: AuditLog;
  } = {},
) {
  const clock = options.clock ?? new FakeClock();
  const storage = options.storage ?? createMemoryStorage();
  const audit = options.audit ?? createMemoryAuditLog(clock);
  const tenant = options.tenant ?? new FakeTenant();
  const directory = new FakeDirectory();
  const settings = {
    approvers: [{ kind: 'group' as const, ref: 'AttachOps-Approvers', scopes: [] }],
    quorum: options.quorum ?? 1,
    ttlMs: options.ttlMs ?? 24 * 3_600_000,
  };
  const records = new ApprovalRecords({ storage, audit, clock, log: silentLogger, settings });
  const runs = new RunEngine({
    storage,
    audit,
    clock,
    log: silentLogger,
    handlers: [tenant.step, approvalStep(records), planRecheckStep(records, [tenant.planner])],
  });
  const approvals = new ApprovalService({
    records,
    audit,
    clock,
    log: silentLogger,
    runs,
    membership: new Membership(directory, clock, 60_000),
    settings,
  });
  return { clock, storage, audit, tenant, directory, runs, approvals };
}

async function requestAssign(context: ReturnType<typeof setup>, group = 'g-2') {
  const plan = await context.tenant.planner.plan({ group });
  const record = await context.approvals.request(plan, alex, 'conv-1');
  await context.runs.idle();
  return record;
}

describe('ApprovalService', () => {
  it('changes nothing until an approver other than the requester approves, then runs the plan once', async () => {
    const context = setup();
    const record = await requestAssign(context);
    expect(context.tenant.performed).toEqual([]);
    expect((await context.runs.get(record.runId))?.status).toBe('waiting');

    await expect(context.approvals.approve(record.id, alex)).rejects.toThrow('someone else must approve');
    await expect(context.approvals.approve(record.id, isaiah)).rejects.toThrow(
      'Only members of the configured approvers',
    );
    const { outcome } = await context.approvals.approve(record.id, megan);
    expect(outcome).toBe('decided');
    await context.runs.idle();
    expect(context.tenant.performed).toEqual(['g-2']);
    expect((await context.runs.get(record.runId))?.status).toBe('done');

    const actions = (await context.audit.read()).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['approval.requested', 'approval.refused', 'approval.approved', 'step.done', 'run.done']),
    );
  });

  it('resolves ten concurrent approve clicks to exactly one decision and one change', async () => {
    const context = setup();
    const record = await requestAssign(context);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => context.approvals.approve(record.id, index % 2 === 0 ? megan : patti)),
    );
    await context.runs.idle();
    expect(results.filter((result) => result.outcome === 'decided')).toHaveLength(1);
    expect(context.tenant.performed).toEqual(['g-2']);
    const again = await context.approvals.approve(record.id, megan);
    await context.runs.idle();
    expect(again.outcome).toBe('already-decided');
    expect(context.tenant.performed).toEqual(['g-2']);
  });

  it('counts each approver once towards the quorum', async () => {
    const context = setup({ quorum: 2 });
    const record = await requestAssign(context);
    expect((await context.approvals.approve(record.id, megan)).outcome).toBe('recorded');
    expect((await context.approvals.approve(record.id, megan)).outcome).toBe('already-counted');
    await context.runs.idle();
    expect(context.tenant.performed).toEqual([]);
    expect((await context.approvals.approve(record.id, patti)).outcome).toBe('decided');
    await context.runs.idle();
    expect(context.tenant.performed).toEqual(['g-2']);
  });

  it('refuses approval after the TTL and fails the run without changing anything', async () => {
    const context = setup({ ttlMs: 60_000 });
    const record = await requestAssign(context);
    context.clock.advance(61_000);
    await expect(context.approvals.approve(record.id, megan)).rejects.toThrow('expired');
    await context.runs.idle();
    expect((await context.approvals.get(record.id))?.status).toBe('expired');
    expect((await context.runs.get(record.runId))?.status).toBe('failed');
    expect(context.tenant.performed).toEqual([]);
  });

  it('needs a reason to reject, and a rejection ends the run', async () => {
    const context = setup();
    const record = await requestAssign(context);
    await expect(context.approvals.reject(record.id, megan, '  ')).rejects.toThrow('reason');
    await context.approvals.reject(record.id, megan, 'not in change window');
    await context.runs.idle();
    const run = await context.runs.get(record.runId);
    expect(run?.status).toBe('failed');
    expect(run?.steps[0]?.problem?.message).toContain('not in change window');
    expect(context.tenant.performed).toEqual([]);
  });

  it('lets only the requester cancel', async () => {
    const context = setup();
    const record = await requestAssign(context);
    await expect(context.approvals.cancel(record.id, megan)).rejects.toThrow('was made by Alex');
    await context.approvals.cancel(record.id, alex);
    await context.runs.idle();
    expect((await context.runs.get(record.runId))?.status).toBe('failed');
    await expect(context.approvals.approve(record.id, megan)).resolves.toMatchObject({ outcome: 'already-decided' });
  });

  it('re-plans and asks again when the tenant changed between approval and execution', async () => {
    const context = setup();
    const record = await requestAssign(context);
    context.tenant.assignedGroups.push('g-added-meanwhile');
    await context.approvals.approve(record.id, megan);
    await context.runs.idle();
    expect(context.tenant.performed).toEqual([]);
    const old = await context.approvals.get(record.id);
    expect(old?.status).toBe('superseded');
    const next = await context.approvals.get(old?.supersededBy ?? '');
    expect(next?.status).toBe('pending');
    expect(next?.plan.changes.map((change) => change.subject)).toContain('g-added-meanwhile');
    await context.approvals.approve(next!.id, megan);
    await context.runs.idle();
    expect(context.tenant.performed).toEqual(['g-2']);
  });

  it('survives a restart between approval and execution: the change happens once', async () => {
    const storage = createMemoryStorage();
    const tenant = new FakeTenant();
    const first = setup({ storage, tenant });
    const record = await requestAssign(first);
    await first.approvals.store.update(record.id, (current) => ({
      record: { ...current, status: 'approved', approvals: [{ by: megan, at: new Date().toISOString() }] },
      result: undefined,
    }));
    await first.runs.stop();

    const second = setup({ storage, tenant });
    await second.runs.resumeAll();
    await second.runs.idle();
    expect(tenant.performed).toEqual(['g-2']);
    expect((await second.runs.get(record.runId))?.status).toBe('done');
  });

  it('takes group membership changes into account after the cache lifetime', async () => {
    const context = setup();
    expect(await context.approvals.isApprover(megan)).toBe(true);
    context.directory.members.set('megan', []);
    expect(await context.approvals.isApprover(megan)).toBe(true);
    context.clock.advance(61_000);
    expect(await context.approvals.isApprover(megan)).toBe(false);
  });
});

class ProcessDied extends Error {}

/** The audit log of a process that dies at the append of `action`: before it lands, or just after. */
function dyingAt(log: AuditLog, action: string, when: 'before-append' | 'after-append'): AuditLog {
  let dead = false;
  return {
    ...log,
    append: async (entry) => {
      if (dead) throw new ProcessDied('dead');
      if (entry.action !== action) return log.append(entry);
      dead = true;
      if (when === 'after-append') await log.append(entry);
      throw new ProcessDied(`died at ${action}`);
    },
    read: () => log.read(),
    readNewestFirst: (request) => log.readNewestFirst(request),
    records: () => log.records(),
    knownHead: () => log.knownHead(),
  };
}

describe('the audit entry of a decision survives a kill', () => {
  it.each(['before-append', 'after-append'] as const)(
    'killed %s of approval.approved: after the restart the decision is audited exactly once',
    async (when) => {
      const clock = new FakeClock();
      const storage = createMemoryStorage();
      const log = createMemoryAuditLog(clock);
      const first = setup({ clock, storage, audit: dyingAt(log, 'approval.approved', when) });
      const record = await requestAssign(first);
      await expect(first.approvals.approve(record.id, megan)).rejects.toThrow(ProcessDied);
      await first.runs.idle();

      clock.advance(61_000);
      const restarted = setup({ clock, storage, audit: log });
      await restarted.runs.resumeAll();
      await restarted.runs.idle();
      expect((await restarted.approvals.get(record.id))?.auditOutbox).toBeUndefined();
      const actions = (await log.read()).map((entry) => entry.action);
      expect(actions.filter((action) => action === 'approval.approved')).toEqual(['approval.approved']);
      expect(actions.filter((action) => action === 'approval.requested')).toEqual(['approval.requested']);
      expect((await restarted.runs.get(record.runId))?.status).toBe('done');
    },
  );

  it('killed before the append and restarted at once: the entry nobody reads again is appended once it is a leftover', async () => {
    const clock = new FakeClock();
    const storage = createMemoryStorage();
    const log = createMemoryAuditLog(clock);
    const first = setup({ clock, storage, audit: dyingAt(log, 'approval.approved', 'before-append') });
    const record = await requestAssign(first);
    await expect(first.approvals.approve(record.id, megan)).rejects.toThrow(ProcessDied);
    await first.runs.idle();

    const restarted = setup({ clock, storage, audit: log });
    await restarted.runs.resumeAll();
    await restarted.runs.idle();
    expect((await restarted.runs.get(record.runId))?.status).toBe('done');
    const approved = async () =>
      (await log.read()).map((entry) => entry.action).filter((action) => action === 'approval.approved');
    expect(await approved(), 'too young to be told from a live append: still staged').toEqual([]);
    expect(await restarted.approvals.appendLeftoverAudit()).toBe(0);

    clock.advance(61_000);
    expect(await restarted.approvals.appendLeftoverAudit()).toBe(1);
    expect(await approved()).toEqual(['approval.approved']);
    expect(await restarted.approvals.appendLeftoverAudit()).toBe(0);
    expect(await approved()).toEqual(['approval.approved']);
  });
});

describe('ApprovalService.listFor: two pages of the list index, never the history', () => {
  /** A request whose run locks a resource of its own, so several wait at once. */
  async function requestOwn(context: ReturnType<typeof setup>, group: string) {
    const plan = await context.tenant.planner.plan({ group });
    const record = await context.approvals.request({ ...plan, resources: [`policy:${group}`] }, alex, 'conv-1');
    await context.runs.idle();
    return record;
  }

  it('lists what waits for an approver and what the requester asked for, newest first, as decisions change it', async () => {
    const context = setup({ ttlMs: 60_000 });
    const first = await requestOwn(context, 'g-a');
    context.clock.advance(1_000);
    const second = await requestOwn(context, 'g-b');
    context.clock.advance(1_000);
    const third = await requestOwn(context, 'g-c');
    const forMegan = await context.approvals.listFor(megan);
    expect(forMegan.toDecide.map((entry) => entry.id)).toEqual([third.id, second.id, first.id]);
    expect(forMegan.mine).toEqual([]);
    expect((await context.approvals.listFor(alex)).toDecide).toEqual([]); // alex asked for all three
    expect((await context.approvals.listFor(alex)).mine.map((entry) => entry.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect((await context.approvals.listFor(isaiah)).toDecide).toEqual([]); // not an approver

    await context.approvals.approve(second.id, megan);
    await context.runs.idle();
    expect((await context.approvals.listFor(patti)).toDecide.map((entry) => entry.id)).toEqual([third.id, first.id]);
    const mine = (await context.approvals.listFor(alex)).mine;
    expect(mine.map((entry) => [entry.id, entry.status, entry.approvals.length])).toEqual([
      [third.id, 'pending', 0],
      [second.id, 'approved', 1],
      [first.id, 'pending', 0],
    ]);

    context.clock.advance(60_000); // all still pending are past their expiry: listing them expires them
    expect((await context.approvals.listFor(megan)).toDecide).toEqual([]);
    expect((await context.approvals.listFor(alex)).mine.map((entry) => entry.status)).toEqual([
      'expired',
      'approved',
      'expired',
    ]);
    expect((await context.approvals.get(first.id))?.status).toBe('expired');
  });

  it('answers with at most 3 storage requests with 2,000 decided requests stored by a version without the index', async () => {
    const memory = createMemoryStorage();
    const seeded = setup({ storage: memory });
    const template = await requestAssign(seeded, 'g-seed');
    const stored = await seeded.approvals.get(template.id);
    if (!stored) throw new Error('no request stored');
    for (let index = 0; index < 2_000; index += 1) {
      const createdAt = new Date(Date.parse(stored.createdAt) - (index + 1) * 60_000).toISOString();
      await memory.put(`approval/a-old${index}`, { ...stored, id: `a-old${index}`, createdAt, status: 'approved' });
    }
    await memory.delete('approval-list-index/v1');
    const probe = countingStorage(memory);
    const context = setup({ storage: probe.storage, clock: seeded.clock });
    const built = await context.approvals.listFor(alex); // the first listing of a process lists the older ones once
    expect(built.mine.map((entry) => entry.id)).toEqual([
      template.id,
      ...Array.from({ length: 9 }, (_, n) => `a-old${n}`),
    ]);
    const before = probe.requests();
    const again = await context.approvals.listFor(megan);
    expect(probe.requests() - before).toBeLessThanOrEqual(3);
    expect(again.toDecide.map((entry) => entry.id)).toEqual([template.id]);
  });
});
