import { describe, expect, it } from 'vitest';
import { renderPolicyBody } from '../../adapters/graph/policy-body.js';
import { parsePolicySettings, policyReadSchema } from '../../adapters/graph/policy-parse.js';
import { createIntentFromFlags, type PolicyCreateFlags } from '../../core/policies/create-flags.js';
import { createPolicyCreatePlanner } from '../../core/policies/policy-create-planner.js';
import { parseCreateInput } from '../../core/policies/policy-step-kinds.js';
import { FakeTenant } from '../unit/policies/fakes.js';

/**
 * The EDR and Antivirus request bodies as they were before the profile catalog (issue 25), byte for byte: flags ->
 * intent -> plan -> draft -> body, and the draft read back from that body. The golden file was recorded from the code
 * before the refactor and is never regenerated to make a change pass.
 */
const CASES: Record<string, Record<string, string>> = {
  'edr intune defaults': { profile: 'edr', target: 'intune', name: 'EDR defaults' },
  'edr intune all + telemetry + tags': {
    profile: 'edr',
    target: 'intune',
    name: 'EDR - Windows',
    description: 'pilot ring',
    sampleSharing: 'all',
    telemetry: 'expedited',
    scopeTags: 'Default,Paris',
  },
  'edr intune none': { profile: 'edr', target: 'intune', name: 'EDR none', sampleSharing: 'none' },
  'edr configmgr defaults': { profile: 'edr', target: 'configmgr', name: 'EDR CM' },
  'edr configmgr all + normal': {
    profile: 'edr',
    target: 'configmgr',
    name: 'EDR CM all',
    description: 'servers',
    sampleSharing: 'all',
    telemetry: 'normal',
  },
  'antivirus intune defaults': { profile: 'antivirus', target: 'intune', name: 'AV defaults' },
  'antivirus intune every toggle': {
    profile: 'antivirus',
    target: 'intune',
    name: 'AV - Windows',
    realTimeMonitoring: 'on',
    cloudProtection: 'off',
    behaviorMonitoring: 'on',
    scriptScanning: 'off',
    archiveScanning: 'on',
    scopeTags: 'Paris',
  },
  'antivirus configmgr defaults': { profile: 'antivirus', target: 'configmgr', name: 'AV CM' },
  'antivirus configmgr every toggle': {
    profile: 'antivirus',
    target: 'configmgr',
    name: 'AV - Servers',
    description: 'all of them',
    realTimeMonitoring: 'on',
    cloudProtection: 'on',
    behaviorMonitoring: 'off',
    scriptScanning: 'on',
    archiveScanning: 'off',
    disableRestorePoint: 'off',
    randomizeScheduleTaskTimes: 'on',
    disablePrivacyMode: 'on',
  },
  'antivirus configmgr only configmgr settings': {
    profile: 'antivirus',
    target: 'configmgr',
    name: 'AV CM only',
    disableRestorePoint: 'on',
  },
};

async function record(flags: Record<string, string>): Promise<unknown> {
  const tenant = new FakeTenant();
  const plan = await createPolicyCreatePlanner(tenant.services()).plan(
    createIntentFromFlags(flags as unknown as PolicyCreateFlags),
  );
  const { draft, requestKey } = parseCreateInput(plan.steps[0]?.input);
  const body = renderPolicyBody(draft, 'golden-ref');
  const readBack = parsePolicySettings(policyReadSchema.parse({ id: 'p-1', ...body }));
  return {
    title: plan.title,
    changes: plan.changes,
    requestKey,
    body: JSON.stringify(body),
    readBack: readBack.draft,
    unmodelled: readBack.unmodelledSettingIds,
  };
}

describe('EDR and Antivirus bodies (golden, recorded before the profile catalog)', () => {
  it('are byte for byte what they were', async () => {
    const recorded: Record<string, unknown> = {};
    for (const [name, flags] of Object.entries(CASES)) recorded[name] = await record(flags);
    await expect(`${JSON.stringify(recorded, null, 2)}\n`).toMatchFileSnapshot('./golden/policy-bodies.golden.json');
  });
});
