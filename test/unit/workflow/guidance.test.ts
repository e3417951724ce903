import { describe, expect, it } from 'vitest';
import {
  buildEnableCollectionGuidance,
  cloudSyncCommandLine,
} from '../../../core/workflow/enable-collection-guidance.js';
import { parseGuidance } from '../../../core/workflow/guidance.js';
import { buildTenantAttachGuidance } from '../../../core/workflow/tenant-attach-guidance.js';
import { buildUploadScopeGuidance } from '../../../core/workflow/upload-scope-guidance.js';
import { SITE_2203 } from './fakes.js';

const site = (buildNumber: number, branch: 'current' | 'technicalPreview' = 'current') => ({
  ...SITE_2203,
  buildNumber,
  branch,
});
const collection = { id: 'PS100042', name: 'Finance Laptops' };

describe('tenant attach guidance', () => {
  it('names the Co-management node and wizard on 2002', () => {
    const guidance = buildTenantAttachGuidance(site(8968), { kind: 'all' });
    const text = guidance.steps.join('\n');
    expect(text).toContain('Administration > Cloud Services > Co-management.');
    expect(text).toContain('click Configure co-management in the ribbon');
    expect(text).not.toContain('Cloud Attach');
  });

  it('names the Cloud Attach node and wizard on 2111 and later', () => {
    const text = buildTenantAttachGuidance(site(9068), { kind: 'all' }).steps.join('\n');
    expect(text).toContain('Administration > Cloud Services > Cloud Attach.');
    expect(text).toContain('click Configure Cloud Attach in the ribbon');
  });

  it('gives both names where the reference is silent (2107, technical preview)', () => {
    for (const unclear of [site(9058), site(9068, 'technicalPreview')]) {
      expect(buildTenantAttachGuidance(unclear, { kind: 'all' }).steps[0]).toContain(
        'Co-management (named Cloud Attach from version 2111)',
      );
    }
  });

  it('labels both co-management variants, the upload scope, and the Global Administrator sign-in', () => {
    const guidance = buildTenantAttachGuidance(site(9078), { kind: 'collection', ...collection });
    const text = guidance.steps.join('\n');
    expect(text).toContain(
      'If co-management is already on: right-click the production co-management policy, choose Properties, open the Configure upload tab',
    );
    expect(text).toContain('If co-management is off:');
    expect(text).toContain('clear "Enable automatic client enrollment for co-management"');
    expect(text).toContain('"Specific collection" and select Finance Laptops (PS100042)');
    expect(text).toContain('Global Administrator');
    expect(text).toContain('"Create AAD Application"');
    expect(guidance.logs.join(' ')).toContain('CMGatewaySyncUploadWorker.log');
    expect(buildTenantAttachGuidance(site(9078), { kind: 'all' }).steps.join('\n')).toContain(
      'All my devices managed by Microsoft Endpoint Configuration Manager',
    );
  });
});

describe('enable collection guidance', () => {
  it('gives the Cloud Sync console path from the top-level site', () => {
    const guidance = buildEnableCollectionGuidance(site(9012), collection);
    const text = guidance.steps.join('\n');
    expect(text).toContain('connected to the top-level site PS1 (Contoso HQ)');
    expect(text).toContain('Assets and Compliance > Device Collections > Finance Laptops');
    expect(text).toContain(
      'On the Cloud Sync tab tick "Make this collection available to assign Endpoint security policies from Microsoft Endpoint Manager admin center"',
    );
    expect(guidance.verifyHint).toContain('every 15 minutes');
    expect(guidance.logs.join(' ')).toContain('CMGatewaySyncUploadWorker.log');
  });

  it('adds the cmdlet line only from 2203, with the -AddGroupName caveat', () => {
    expect(buildEnableCollectionGuidance(site(9068), collection).commandLine).toBeUndefined();
    expect(buildEnableCollectionGuidance(site(9078, 'technicalPreview'), collection).commandLine).toBeUndefined();
    const on2203 = buildEnableCollectionGuidance(site(9078), collection);
    expect(on2203.commandLine).toBe('Set-CMCollectionCloudSync -Id PS100042 -EnableAssignEndpointSecurityPolicy $true');
    expect(on2203.steps.join('\n')).toContain('-AddGroupName');
    expect(cloudSyncCommandLine('XYZ00012')).toContain('-Id XYZ00012');
  });
});

describe('upload scope guidance', () => {
  it('says where the scope is changed, what it is now, and that only one collection can be chosen', () => {
    const text = buildUploadScopeGuidance(site(9068), collection, {
      kind: 'collection',
      collectionId: 'PS100001',
    }).steps.join('\n');
    expect(text).toContain('Administration > Cloud Services > Cloud Attach');
    expect(text).toContain('The upload scope is now the collection PS100001');
    expect(text).toContain('Only one collection can be chosen');
  });
});

describe('stored guidance', () => {
  it('reads back what a step stored, and nothing else', () => {
    const guidance = buildEnableCollectionGuidance(site(9078), collection);
    expect(parseGuidance(JSON.parse(JSON.stringify(guidance)))).toEqual(guidance);
    expect(parseGuidance({ title: 'x' })).toBeUndefined();
  });
});
