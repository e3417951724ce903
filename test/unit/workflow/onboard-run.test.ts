import { describe, expect, it } from 'vitest';
import { createMemoryAuditLog } from '../../../adapters/audit/memory-audit-log.js';
import { createMemoryStorage } from '../../../adapters/storage/memory-storage.js';
import { silentLogger } from '../../../core/ports/logger.js';
import { RunEngine } from '../../../core/runs/run-engine.js';
import { onboardRunRequest } from '../../../core/workflow/onboard-request.js';
import { createHandOverStep } from '../../../core/workflow/steps/hand-over-step.js';
import { createPrerequisitesStep } from '../../../core/workflow/steps/prerequisites-step.js';
import { createWorkflowStepHandlers } from '../../../core/workflow/steps/workflow-steps.js';
import { FakeClock } from '../../support/fake-clock.js';
import { device, FakeWorld } from './fakes.js';
import { alex, megan } from './step-context.js';

const FINANCE = device('PS100042', 'Finance Laptops');
const KIOSKS = device('PS100050', 'Kiosks');

/** The real engine with every handler an onboard run needs, over the fake world with a healthy Defender connector. */
function onboardEngine(world: FakeWorld) {
  const clock = new FakeClock();
  const audit = createMemoryAuditLog(clock);
  const tenant = {
    ...world.services(),
    defenderConnector: {
      getDefenderConnector: async () => ({
        partnerState: 'enabled' as const,
        lastHeartbeat: clock.now(),
        windowsEnabled: true,
      }),
    },
  };
  let counter = 0;
  const runs = new RunEngine({
    storage: createMemoryStorage(),
    audit,
    clock,
    log: silentLogger,
    handlers: [...createWorkflowStepHandlers(tenant), createPrerequisitesStep(tenant), createHandOverStep()],
    newRunId: () => `r-${++counter}`,
  });
  return { runs, audit, clock };
}

const requester = { requestedBy: alex, conversationId: 'conv-1' };

async function stepsOf(runs: RunEngine, runId = 'r-1') {
  return (await runs.get(runId))?.steps.map((step) => [step.kind, step.state]);
}

describe('an onboard run', () => {
  it('goes from a fresh hierarchy to the hand-over, each console step verified once and no step done twice', async () => {
    const world = new FakeWorld([FINANCE, KIOSKS]);
    const { runs, audit } = onboardEngine(world);
    await runs.start(onboardRunRequest({ profile: 'edr', collections: [FINANCE] }, requester));
    await runs.idle();
    expect(await stepsOf(runs)).toEqual([
      ['prerequisites', 'done'],
      ['tenant-attach', 'waiting-for-admin'],
      ['upload-scope', 'pending'],
      ['enable-collection', 'pending'],
      ['hand-over', 'pending'],
    ]);

    world.attached = true;
    await runs.verify('r-1', alex);
    await runs.idle();
    expect(await stepsOf(runs)).toEqual([
      ['prerequisites', 'done'],
      ['tenant-attach', 'done'],
      ['upload-scope', 'done'],
      ['enable-collection', 'waiting-for-admin'],
      ['hand-over', 'pending'],
    ]);

    world.enableInConsole('PS100042');
    await runs.verify('r-1', alex);
    await runs.idle();
    const done = await runs.get('r-1');
    expect(done?.status).toBe('done');
    expect(done?.steps[4]?.message).toContain(
      'Next, type: policy create edr --target configmgr --name "EDR - Finance Laptops"',
    );

    const entries = await audit.read();
    const finished = entries
      .filter((entry) => entry.action === 'step.done' || entry.action === 'step.verified')
      .map((entry) => entry.details?.stepId);
    expect(finished.sort()).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(entries.filter((entry) => entry.action === 'run.done')).toHaveLength(1);
  });

  it('finds tenant attach and an enabled collection already done, and hands over without waiting', async () => {
    const world = new FakeWorld([FINANCE]);
    world.attached = true;
    world.enableInConsole('PS100042');
    const { runs } = onboardEngine(world);
    await runs.start(onboardRunRequest({ profile: 'antivirus', collections: [FINANCE] }, requester));
    await runs.idle();
    const run = await runs.get('r-1');
    expect(run?.status).toBe('done');
    expect(run?.steps[1]?.message).toMatch(/^already done: the hierarchy is tenant attached/);
    expect(run?.steps[4]?.message).toContain(
      'policy create antivirus --target configmgr --name "AV - Finance Laptops"',
    );
  });

  it('stops at the prerequisites naming the failing rule and its fix, and performs nothing after it', async () => {
    const world = new FakeWorld([FINANCE]);
    world.site = { ...world.site, buildNumber: 8900, version: '5.00.8900.1000' };
    const { runs } = onboardEngine(world);
    await runs.start(onboardRunRequest({ profile: 'antivirus', collections: [FINANCE] }, requester));
    await runs.idle();
    const run = await runs.get('r-1');
    expect(run?.status).toBe('failed');
    expect(run?.steps.map((step) => step.state)).toEqual(['failed', 'pending', 'pending', 'pending', 'pending']);
    expect(run?.steps[0]?.problem?.title).toBe(
      'Antivirus policy prerequisites not met: ConfigMgr version supports Antivirus policy',
    );
    expect(run?.steps[0]?.problem?.fix).toContain('Upgrade the site to current branch 2006 or later');
    expect(world.count('directory.isGlobalAdministrator')).toBe(1);
  });

  it('fails the prerequisites for a requester who is not a Global Administrator before attach, and only warns after', async () => {
    const world = new FakeWorld([FINANCE]);
    const { runs } = onboardEngine(world);
    await runs.start(
      onboardRunRequest({ profile: 'edr', collections: [FINANCE] }, { requestedBy: megan, conversationId: 'conv-1' }),
    );
    await runs.idle();
    expect((await runs.get('r-1'))?.steps[0]?.problem?.title).toBe(
      'EDR policy prerequisites not met: You are a Global Administrator',
    );

    world.attached = true;
    await runs.retry('r-1', megan);
    await runs.idle();
    const retried = await runs.get('r-1');
    expect(retried?.steps[0]?.state).toBe('done');
    expect(retried?.steps[0]?.message).toContain('You are a Global Administrator (warning');
  });

  it('locks tenant attach and every collection it works on', async () => {
    const world = new FakeWorld([FINANCE, KIOSKS]);
    const { runs } = onboardEngine(world);
    const run = await runs.start(onboardRunRequest({ profile: 'edr', collections: [FINANCE, KIOSKS] }, requester));
    expect(run.resources).toEqual(['tenant-attach', 'collection:PS100042', 'collection:PS100050']);
    expect(run.title).toBe('Onboard Finance Laptops and Kiosks for EDR policy');
    await expect(
      runs.start(onboardRunRequest({ profile: 'antivirus', collections: [KIOSKS] }, requester)),
    ).rejects.toThrow('is being worked on by run r-1');
    await runs.idle();
  });
});
