import { describe, expect, it } from 'vitest';
import { collectionsSyncedRule } from '../../../core/prerequisites/collection-rules.js';
import type { PrerequisiteFacts } from '../../../core/prerequisites/facts.js';
import { multiAdminApprovalRule } from '../../../core/prerequisites/maa-rule.js';
import { wordingProblems } from '../../support/wording.js';
import { readyWorld } from './fake-world.js';
import { factsOf } from './fakes.js';

const readyFacts = () => factsOf(readyWorld());

describe('check words a colleague would write', () => {
  it('one synced collection is one collection, named, not its id', async () => {
    const facts = await readyFacts();
    const one: PrerequisiteFacts = {
      ...facts,
      targetCollectionIds: [],
      syncedCollections: {
        status: 'read',
        value: {
          items: [
            {
              id: 'x',
              collectionId: 'PS100042',
              displayName: 'All Windows 10 Workstations',
              hierarchy: {},
            },
          ],
          truncated: false,
        },
      },
    };
    const evidence = collectionsSyncedRule(one).evidence;
    expect(evidence).toBe('Intune lists 1 synced collection: All Windows 10 Workstations.');
    expect(wordingProblems(evidence)).toEqual([]);
  });

  it('names the workloads access policies protect in words, not as Graph enum values', async () => {
    const facts = await readyFacts();
    const rule = multiAdminApprovalRule({
      ...facts,
      accessPolicies: {
        status: 'read',
        value: [
          {
            id: 'p',
            displayName: 'Config',
            policyType: 'configurationPolicy',
            approverGroups: ['Intune-MAA-Approvers'],
          },
          { id: 'q', displayName: 'Scripts', policyType: 'script', approverGroups: [] },
        ],
      },
    });
    expect(rule?.evidence).toContain('Access policies protect: configuration policies, scripts.');
    expect(wordingProblems(rule?.evidence ?? '')).toEqual([]);
  });
});
