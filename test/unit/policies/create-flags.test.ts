import { describe, expect, it } from 'vitest';
import { createIntentFromFlags, splitList } from '../../../core/policies/create-flags.js';
import { policyDraftSchema } from '../../../core/policy/policy-draft.js';
import { UserFacingError } from '../../../core/user-facing-error.js';

function refusal(run: () => unknown): UserFacingError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('policy create flags', () => {
  it('maps EDR flags to the typed EDR settings', () => {
    const intent = createIntentFromFlags({
      profile: 'edr',
      target: 'intune',
      name: ' EDR ',
      sampleSharing: 'none',
      telemetry: 'expedited',
    });
    expect(intent).toEqual({
      profile: 'edr',
      target: 'intune',
      name: 'EDR',
      settings: { sampleSharing: 'none', telemetry: 'expedited' },
    });
  });

  it('maps on/off to booleans, ConfigMgr-only settings included, and leaves unset ones out', () => {
    const intent = createIntentFromFlags({
      profile: 'antivirus',
      target: 'configmgr',
      name: 'AV',
      realTimeMonitoring: 'on',
      cloudProtection: 'off',
      disableRestorePoint: 'on',
      disablePrivacyMode: 'off',
    });
    expect(intent.settings).toEqual({
      realTimeMonitoring: true,
      cloudProtection: false,
      disableRestorePoint: true,
      disablePrivacyMode: false,
    });
    const draft = policyDraftSchema.parse({
      kind: 'configmgr-antivirus',
      profile: 'antivirus',
      target: 'configmgr',
      name: 'AV',
      description: '',
      settings: intent.settings,
    });
    expect(draft.settings).toEqual(intent.settings);
  });

  it('splits scope tags on commas and keeps the description', () => {
    const intent = createIntentFromFlags({
      profile: 'edr',
      target: 'intune',
      name: 'EDR',
      scopeTags: 'Default, Paris,,',
      description: ' Pilot ',
    });
    expect(intent.scopeTags).toEqual(['Default', 'Paris']);
    expect(intent.description).toBe('Pilot');
    expect(splitList(' a ,b')).toEqual(['a', 'b']);
  });

  it('refuses ConfigMgr-only Antivirus settings for the Intune profile, naming each flag', () => {
    const error = refusal(() =>
      createIntentFromFlags({
        profile: 'antivirus',
        target: 'intune',
        name: 'AV',
        disableRestorePoint: 'on',
        randomizeScheduleTaskTimes: 'off',
      }),
    );
    expect(error.message).toContain('--disable-restore-point exists only in the ConfigMgr Antivirus profile');
    expect(error.message).toContain('--randomize-schedule-task-times exists only in the ConfigMgr Antivirus profile');
  });

  it('refuses scope tags for the ConfigMgr profile', () => {
    const error = refusal(() =>
      createIntentFromFlags({ profile: 'edr', target: 'configmgr', name: 'EDR', scopeTags: 'Paris' }),
    );
    expect(error.message).toContain('the ConfigMgr profile does not support scope tags');
  });

  it('refuses settings of the other profile', () => {
    expect(
      refusal(() => createIntentFromFlags({ profile: 'edr', target: 'intune', name: 'EDR', cloudProtection: 'on' }))
        .message,
    ).toBe('--cloud-protection is an Antivirus setting; an EDR policy does not have it.');
    expect(
      refusal(() => createIntentFromFlags({ profile: 'antivirus', target: 'intune', name: 'AV', telemetry: 'normal' }))
        .message,
    ).toBe('--telemetry is an EDR setting; an Antivirus policy does not have it.');
  });
});
