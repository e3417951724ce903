import { describe, expect, it } from 'vitest';
import { ATTACHOPS_MARKER } from '../../adapters/graph/managed-marker.js';
import { renderPolicyBody } from '../../adapters/graph/policy-body.js';
import { parsePolicySettings, policyReadSchema } from '../../adapters/graph/policy-parse.js';
import { DEPRECATED_SETTING_DEFINITION_IDS } from '../../adapters/graph/setting-catalog.js';
import { createIntentFromFlags } from '../../core/policies/create-flags.js';
import { type PolicyDraft, policyDraftSchema } from '../../core/policy/policy-draft.js';

const intuneEdr: PolicyDraft = {
  kind: 'intune-edr',
  profile: 'edr',
  target: 'intune',
  name: 'EDR pilot',
  description: 'pilot',
  scopeTagIds: ['0'],
  settings: { sampleSharing: 'all', telemetry: 'expedited' },
};
const configMgrAv: PolicyDraft = {
  kind: 'configmgr-antivirus',
  profile: 'antivirus',
  target: 'configmgr',
  name: 'AV',
  description: '',
  settings: { realTimeMonitoring: true, cloudProtection: false, disableRestorePoint: true },
};

function settingIds(body: ReturnType<typeof renderPolicyBody>): string[] {
  return body.settings.map((setting) => setting.settingInstance?.settingDefinitionId ?? '');
}

describe('policy bodies (graph-intune.md §4.4–4.6)', () => {
  it('sends no deprecated setting unless asked: default flags of every profile and target (graph-intune.md §11.3)', () => {
    expect(DEPRECATED_SETTING_DEFINITION_IDS.size).toBeGreaterThan(0);
    for (const profile of ['edr', 'antivirus'] as const) {
      for (const target of ['intune', 'configmgr'] as const) {
        const intent = createIntentFromFlags({ profile, target, name: 'Defaults' });
        const draft = policyDraftSchema.parse({
          kind: `${target}-${profile}`,
          profile,
          target,
          name: intent.name,
          description: '',
          ...(target === 'intune' ? { scopeTagIds: [] } : {}),
          settings: intent.settings,
        });
        const sent = JSON.stringify(renderPolicyBody(draft));
        for (const id of DEPRECATED_SETTING_DEFINITION_IDS) expect(sent).not.toContain(id);
      }
    }
    const asked = renderPolicyBody({ ...intuneEdr, settings: { telemetry: 'normal' } });
    expect(settingIds(asked)).toContain([...DEPRECATED_SETTING_DEFINITION_IDS][0]);
  });

  it('renders the MDM EDR body with the template, technologies and connector onboarding', () => {
    const body = renderPolicyBody(intuneEdr);
    expect(body).toMatchObject({
      name: 'EDR pilot',
      description: `pilot ${ATTACHOPS_MARKER}`,
      platforms: 'windows10',
      technologies: 'mdm,microsoftSense',
      roleScopeTagIds: ['0'],
      templateReference: { templateId: '0385b795-0f2f-44ac-8602-9f65bf6adede_1' },
    });
    expect(settingIds(body)).toEqual([
      'device_vendor_msft_windowsadvancedthreatprotection_configurationtype',
      'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing',
      'device_vendor_msft_windowsadvancedthreatprotection_configuration_telemetryreportingfrequency',
    ]);
    expect(JSON.stringify(body)).toContain(
      '"value":"device_vendor_msft_windowsadvancedthreatprotection_configuration_telemetryreportingfrequency_2"',
    );
    expect(JSON.stringify(body)).toContain('"settingValueTemplateId":"f72c326c-7c5b-4224-b890-0b9b54522bd9"');
  });

  it('renders the ConfigMgr AV body with creationSource SccmAV, no template and no scope tags', () => {
    const body = renderPolicyBody(configMgrAv);
    expect(body).toMatchObject({
      technologies: 'configManager',
      creationSource: 'SccmAV',
      description: ATTACHOPS_MARKER,
    });
    expect(body).not.toHaveProperty('templateReference');
    expect(body).not.toHaveProperty('roleScopeTagIds');
    expect(JSON.stringify(body)).toContain(
      '"value":"device_vendor_msft_policy_config_defender_allowcloudprotection_0"',
    );
    expect(JSON.stringify(body)).toContain('"value":"defender_disablerestorepoint_1"');
  });

  it('never renders onboarding settings for ConfigMgr EDR', () => {
    const body = renderPolicyBody({ ...intuneEdr, kind: 'configmgr-edr', target: 'configmgr' } as PolicyDraft);
    expect(body).toMatchObject({ creationSource: 'SccmEDR', technologies: 'configManager' });
    expect(JSON.stringify(body)).not.toContain('configurationtype');
  });

  it.each([intuneEdr, configMgrAv])(
    'reads back what it wrote ($kind), ignoring the encrypted onboarding value',
    (draft) => {
      const body = renderPolicyBody(draft);
      const readBack = JSON.parse(
        JSON.stringify({ id: 'p1', ...body }).replace('Microsoft ATP connector enabled', 'encrypted-token-guid'),
      );
      const parsed = parsePolicySettings(policyReadSchema.parse(readBack));
      expect(parsed.draft).toEqual(draft);
      expect(parsed.unmodelledSettingIds).toEqual([]);
      expect(parsed.onboardingFromConnector).toBe(draft.kind === 'intune-edr');
    },
  );
});
