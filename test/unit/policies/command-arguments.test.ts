import { describe, expect, it } from 'vitest';
import { assignCommand } from '../../../bot/commands/assign.js';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { policyCreateCommand } from '../../../bot/commands/policy-create.js';
import { policyListCommand } from '../../../bot/commands/policy-list.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { createIntentFromFlags, type PolicyCreateFlags } from '../../../core/policies/create-flags.js';

describe('policy command arguments', () => {
  it('binds policy create flags to the settings of the intent', () => {
    const bound = bindArguments(
      policyCreateCommand,
      tokenize(
        'antivirus --target configmgr --name "AV - Servers" --real-time-monitoring on --randomize-schedule-task-times off',
      ),
    );
    expect(bound.ok).toBe(true);
    if (!bound.ok) return;
    expect(createIntentFromFlags(bound.args as unknown as PolicyCreateFlags)).toEqual({
      profile: 'antivirus',
      target: 'configmgr',
      name: 'AV - Servers',
      settings: { realTimeMonitoring: true, randomizeScheduleTaskTimes: false },
    });
  });

  it('refuses a setting value other than on or off', () => {
    const bound = bindArguments(
      policyCreateCommand,
      tokenize('antivirus --target intune --name AV --cloud-protection yes'),
    );
    expect(bound).toMatchObject({ ok: false, problems: [{ argument: '--cloud-protection' }] });
  });

  it('binds assign and policy list', () => {
    expect(bindArguments(assignCommand, tokenize('"EDR - Windows" --to "Pilot,Kiosks" --exclude Finance'))).toEqual({
      ok: true,
      args: { policy: 'EDR - Windows', to: 'Pilot,Kiosks', exclude: 'Finance' },
    });
    expect(bindArguments(policyListCommand, tokenize('--all --page 2'))).toEqual({
      ok: true,
      args: { all: true, page: 2 },
    });
  });
});
