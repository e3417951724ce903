import { describe, expect, it } from 'vitest';
import { createRolloutPlanner } from '../../../core/rollouts/rollout-planner.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';
import { deviceCollection, FakeTenant } from '../policies/fakes.js';

function tenant() {
  const world = new FakeTenant();
  world.addCollection(deviceCollection('PS100042', 'Servers', 120));
  world.addCollection(deviceCollection('PS100043', 'Pilot', 12));
  world.addCollection(deviceCollection('PS100044', 'Broad', 800));
  world.addCollection(deviceCollection('PS100045', 'Rest', 1240));
  const policy = world.addPolicy({
    name: 'AV - Servers',
    managedByAttachOps: true,
    draft: {
      kind: 'configmgr-antivirus',
      profile: 'antivirus',
      target: 'configmgr',
      name: 'AV - Servers',
      description: '',
      settings: {},
    },
    assignments: [{ kind: 'collection', collectionId: 'PS100042' }],
  });
  return { world, policy };
}

const intent = (
  mode: 'auto' | 'approve-each',
  rings = [
    ['pilot', 'PS100043'],
    ['broad', 'PS100044,PS100045'],
  ],
) => ({
  policy: 'AV - Servers',
  rings: rings.map(([name = '', to = '']) => ({ name, to: to.split(',') })),
  gate: 'reported >= 80%, failed<=2%',
  soak: '2d',
  mode,
});

describe('the rollout plan', () => {
  it('shows every ring with its devices, the gate and the soak, in one plan', async () => {
    const { world, policy } = tenant();
    const plan = await createRolloutPlanner(world.services()).plan(intent('auto'));
    expect(plan.title).toBe('Roll out "AV - Servers" in 2 rings: pilot (12 devices), broad (2,040 devices)');
    expect(plan.changes).toEqual([
      { action: 'keep', subject: 'Collection Servers (PS100042)', detail: 'stays assigned', devices: 120 },
      { action: 'add', subject: 'Collection Pilot (PS100043)', detail: 'ring 1 (pilot): newly assigned', devices: 12 },
      { action: 'add', subject: 'Collection Broad (PS100044)', detail: 'ring 2 (broad): newly assigned', devices: 800 },
      { action: 'add', subject: 'Collection Rest (PS100045)', detail: 'ring 2 (broad): newly assigned', devices: 1240 },
      {
        action: 'no-op',
        subject: 'Gate',
        detail: 'reported>=80%, failed<=2%, after a soak of 2 days; each ring follows automatically',
      },
    ]);
    expect(plan.resources).toEqual([`policy:${policy.id}`]);
    expect(plan.steps.map((step) => step.kind)).toEqual(['policy-assign', 'rollout-gate', 'policy-assign']);
    expect(plan.steps[0]?.input).toEqual({
      policyId: policy.id,
      targets: [{ kind: 'collection', collectionId: 'PS100043' }],
    });
    expect(plan.steps[1]?.input).toMatchObject({
      ringName: 'pilot',
      soakMs: 172_800_000,
      graceMs: 21_600_000,
      report: 'configmgr',
    });
  });

  it('puts an approval before each further ring with approve-each', async () => {
    const { world } = tenant();
    const plan = await createRolloutPlanner(world.services()).plan(
      intent('approve-each', [
        ['pilot', 'PS100043'],
        ['broad', 'PS100044'],
        ['rest', 'PS100045'],
      ]),
    );
    expect(plan.steps.map((step) => step.kind)).toEqual([
      'policy-assign',
      'rollout-gate',
      'rollout-advance',
      'policy-assign',
      'rollout-gate',
      'rollout-advance',
      'policy-assign',
    ]);
    expect(plan.steps[2]?.input).toEqual({
      policyName: 'AV - Servers',
      passedRing: 'pilot',
      nextRing: { name: 'broad', devices: 800 },
      ringIndex: 1,
    });
  });

  it('assigns a target once: a later ring naming it again adds nothing more, a ring of only such targets is refused', async () => {
    const { world } = tenant();
    const plan = await createRolloutPlanner(world.services()).plan(
      intent('auto', [
        ['pilot', 'PS100043'],
        ['broad', 'PS100043,PS100044'],
      ]),
    );
    expect(plan.steps[2]?.input).toMatchObject({ targets: [{ kind: 'collection', collectionId: 'PS100044' }] });
    const refused = await createRolloutPlanner(world.services())
      .plan(
        intent('auto', [
          ['pilot', 'PS100043'],
          ['again', 'PS100043,PS100042'],
        ]),
      )
      .catch((error: unknown) => error);
    expect(isUserFacingError(refused) && refused.title).toBe('Ring "again" adds nothing');
  });

  it('plans the same again against an unchanged tenant (the approval’s re-check)', async () => {
    const { world } = tenant();
    const planner = createRolloutPlanner(world.services());
    expect(await planner.plan(intent('auto'))).toEqual(await planner.plan(intent('auto')));
  });
});
