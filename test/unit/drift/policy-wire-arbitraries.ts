import fc from 'fast-check';

/** Random configuration policies in the Graph wire form, with the rewrites a drift watch must and must not see. */
export type Wire = Record<string, unknown>;

export interface WirePolicy {
  readonly policy: Wire;
  readonly assignments: Wire[];
}

const id = fc.stringMatching(/^[a-z][a-z0-9_]{2,12}$/);
const guid = fc.uuid({ version: 4 });
const choice = (definition: string, value: string, children: Wire[]): Wire => ({
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
  settingDefinitionId: definition,
  choiceSettingValue: {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
    value,
    children,
  },
});
const simple = (definition: string, value: string | number): Wire => ({
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
  settingDefinitionId: definition,
  simpleSettingValue: {
    '@odata.type':
      typeof value === 'number'
        ? '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue'
        : '#microsoft.graph.deviceManagementConfigurationStringSettingValue',
    value,
  },
});

const settingInstance: fc.Arbitrary<Wire> = fc.oneof(
  fc
    .tuple(id, fc.integer({ min: 0, max: 3 }), fc.uniqueArray(id, { maxLength: 2 }))
    .map(([definition, option, childIds]) =>
      choice(
        `device_vendor_msft_${definition}`,
        `device_vendor_msft_${definition}_${option}`,
        childIds.map((child, i) => simple(`device_vendor_msft_${definition}_${child}`, i + 1)),
      ),
    ),
  fc
    .tuple(id, fc.oneof(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[a-z]{1,8}$/)))
    .map(([definition, value]) => simple(`device_vendor_msft_${definition}`, value)),
  fc
    .tuple(id, fc.uniqueArray(fc.stringMatching(/^[a-z]:\\[a-z]{1,6}$/), { minLength: 1, maxLength: 4 }))
    .map(([definition, paths]) => ({
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance',
      settingDefinitionId: `device_vendor_msft_${definition}`,
      simpleSettingCollectionValue: paths.map((value) => ({
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationStringSettingValue',
        value,
      })),
    })),
);

const filterFields = fc.option(
  fc.tuple(guid, fc.constantFrom('include', 'exclude')).map(([filterId, mode]) => ({
    deviceAndAppManagementAssignmentFilterId: filterId,
    deviceAndAppManagementAssignmentFilterType: mode,
  })),
  { nil: undefined },
);

export const target: fc.Arbitrary<Wire> = fc
  .tuple(
    fc.oneof(
      guid.map((groupId) => ({ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId })),
      guid.map((groupId) => ({ '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId })),
      fc.stringMatching(/^PS1[0-9A-F]{5}$/).map((collectionId) => ({
        '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
        collectionId,
      })),
      fc.constant({ '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' }),
    ),
    filterFields,
  )
  .map(([kind, filter]) => ({ ...kind, ...(filter ?? {}) }));

const byDefinition = (s: Wire): string => String(s.settingDefinitionId);
const byTarget = (a: Wire): string =>
  JSON.stringify([(a.target as Wire)['@odata.type'], (a.target as Wire).groupId, (a.target as Wire).collectionId]);

export const wirePolicy: fc.Arbitrary<WirePolicy> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 -]{0,20}[A-Za-z0-9]$/),
    description: fc.constantFrom('', 'Approved baseline', 'EDR for finance'),
    tags: fc.uniqueArray(fc.constantFrom('0', '1', '7'), { maxLength: 2 }),
    settings: fc.uniqueArray(settingInstance, { minLength: 1, maxLength: 6, selector: byDefinition }),
    targets: fc.uniqueArray(
      target.map((t) => ({ target: t })),
      { maxLength: 5, selector: byTarget },
    ),
    withSecret: fc.boolean(),
  })
  .map(({ name, description, tags, settings, targets, withSecret }) => {
    const instances = withSecret
      ? [
          ...settings,
          {
            '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
            settingDefinitionId: 'device_vendor_msft_windowsadvancedthreatprotection_onboarding_fromconnector',
            simpleSettingValue: {
              '@odata.type': '#microsoft.graph.deviceManagementConfigurationSecretSettingValue',
              valueState: 'encryptedValueToken',
              value: 'a3c1f1de-0000-4000-8000-000000000001',
            },
          },
        ]
      : settings;
    return {
      policy: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
        id: 'b3f0e3a4-1d2c-4e5f-8a9b-0c1d2e3f4a5b',
        name,
        description,
        roleScopeTagIds: tags,
        createdDateTime: '2026-12-01T10:00:00Z',
        lastModifiedDateTime: '2026-12-01T10:00:00Z',
        settingCount: instances.length,
        settings: instances.map((settingInstance, i) => ({ id: String(i), settingInstance })),
      },
      assignments: targets.map((row, i) => ({ id: `a${i}`, source: 'direct', ...row })),
    };
  });
