import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toAssignmentBody } from '../../adapters/graph/assignment-body.js';
import { renderPolicyBody } from '../../adapters/graph/policy-body.js';
import type { PolicyDraft } from '../../core/policy/policy-draft.js';
import { checkGraphWrite } from '../../sandbox/schema/check-body.js';
import { RequestLog } from '../../sandbox/http/request-log.js';
import { assertNoContractViolations } from './write-contract.js';

const SHARED_SCHEMA = join(import.meta.dirname, '..', '..', '..', 'shared', 'reference', 'graph-beta-schema.json');
const EXTRACT = join(import.meta.dirname, '..', '..', 'sandbox', 'schema', 'graph-beta-extract.ts');

const drafts: PolicyDraft[] = [
  {
    kind: 'intune-edr',
    profile: 'edr',
    target: 'intune',
    name: 'EDR',
    description: '',
    scopeTagIds: ['0'],
    settings: { sampleSharing: 'all', telemetry: 'normal' },
  },
  {
    kind: 'intune-antivirus',
    profile: 'antivirus',
    target: 'intune',
    name: 'AV',
    description: '',
    scopeTagIds: [],
    settings: { realTimeMonitoring: true, cloudProtection: false },
  },
  {
    kind: 'configmgr-edr',
    profile: 'edr',
    target: 'configmgr',
    name: 'EDR CM',
    description: '',
    settings: { sampleSharing: 'none' },
  },
  {
    kind: 'configmgr-antivirus',
    profile: 'antivirus',
    target: 'configmgr',
    name: 'AV CM',
    description: '',
    settings: { scriptScanning: true, disablePrivacyMode: false },
  },
];

const messages = (method: string, path: string, body: unknown): string[] =>
  checkGraphWrite(method, path, body).map((problem) => `${problem.path}: ${problem.message}`);

describe('the write contract against the schema extract', () => {
  it('passes every policy body the bot renders, for create and replace', () => {
    for (const draft of drafts) {
      expect(messages('POST', '/deviceManagement/configurationPolicies', renderPolicyBody(draft))).toEqual([]);
      expect(messages('PUT', '/deviceManagement/configurationPolicies/p1', renderPolicyBody(draft))).toEqual([]);
    }
  });

  it('finds unknown properties, enum members, @odata.types, missing concrete types, wrong parameters and unmapped writes', () => {
    const body = renderPolicyBody(drafts[0] as PolicyDraft) as unknown as Record<string, unknown>;
    const policies = '/deviceManagement/configurationPolicies';
    expect(messages('POST', policies, { ...body, colour: 'blue' })).toEqual([
      "$.colour: property 'colour' does not exist on type deviceManagementConfigurationPolicy",
    ]);
    expect(messages('POST', policies, { ...body, technologies: 'mdm,telepathy' })[0]).toContain(
      "'telepathy' is not a member of deviceManagementConfigurationTechnologies",
    );
    expect(
      messages('POST', policies, { ...body, settings: [{ settingInstance: { settingDefinitionId: 'x' } }] })[0],
    ).toContain('deviceManagementConfigurationSettingInstance is abstract');
    const assign = `${policies}/p1/assign`;
    const target = { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'g' };
    expect(messages('POST', assign, { assignments: [{ target }] })).toEqual([]);
    expect(
      messages('POST', assign, { assignments: [{ target: { ...target, '@odata.type': '#microsoft.graph.user' } }] })[0],
    ).toContain('unknown @odata.type');
    expect(
      messages('POST', assign, {
        assignments: [{ target: { ...target, deviceAndAppManagementAssignmentFilterType: 'maybe' } }],
      })[0],
    ).toContain('not a member of deviceAndAppManagementAssignmentFilterType');
    expect(messages('POST', assign, { assignments: [], extra: 1 })).toEqual([
      "$.extra: assign has no parameter 'extra'",
    ]);
    expect(messages('POST', '/deviceManagement/somethingNew', {})[0]).toContain('no schema shape for POST');
    expect(
      messages('POST', '/$batch', {
        requests: [{ id: '1', method: 'POST', url: 'deviceManagement/configurationPolicies', body: { colour: 1 } }],
      }),
    ).toEqual([
      "$.requests[0].body.colour: property 'colour' does not exist on type deviceManagementConfigurationPolicy",
    ]);
  });

  it('passes an assignment sent back as read with its filter, and a new one the bot builds with a filter', () => {
    const asRead = {
      id: 'p_1',
      source: 'direct',
      sourceId: 'p',
      target: {
        '@odata.type': '#microsoft.graph.configurationManagerCollectionAssignmentTarget',
        collectionId: 'ps100015',
        deviceAndAppManagementAssignmentFilterId: 'f',
        deviceAndAppManagementAssignmentFilterType: 'include',
      },
    };
    const assignments = [
      toAssignmentBody({ kind: 'collection', collectionId: 'PS100015', asRead }),
      toAssignmentBody({ kind: 'collection', collectionId: 'PS100042', filter: { id: 'f', mode: 'exclude' } }),
    ];
    expect(messages('POST', '/deviceManagement/configurationPolicies/p/assign', { assignments })).toEqual([]);
  });

  it('keeps violations in the request log, never credentials, and the test harness turns them into a failure', () => {
    const log = new RequestLog();
    const entry = {
      time: '',
      method: 'POST',
      path: '/graph/beta/deviceManagement/configurationPolicies',
      query: '',
      status: 0,
      clientRequestId: null,
      connection: 1,
      authorization: { present: true, scheme: 'Bearer' },
    };
    log.record(entry);
    log.recordBody(entry, { name: 'x', clientSecret: 'hunter2', colour: 1 });
    expect(JSON.stringify(log.list())).not.toContain('hunter2');
    log.clear();
    expect(log.violations()).toHaveLength(1);
    expect(() => assertNoContractViolations({ violations: log.violations() })).toThrow(
      /POST \/graph\/beta\/deviceManagement\/configurationPolicies \$\.colour/,
    );
    expect(() => assertNoContractViolations({ violations: [] })).not.toThrow();
  });

  it.skipIf(!existsSync(SHARED_SCHEMA))('the committed extract is what the script makes from ../shared today', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attachops-extract-'));
    try {
      const out = join(dir, 'graph-beta-extract.ts');
      execFileSync(process.execPath, [join('scripts', 'extract-graph-schema.mjs'), SHARED_SCHEMA, out]);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(EXTRACT, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
