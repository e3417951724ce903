import { describe, expect, it } from 'vitest';
import { policyResource } from '../../../core/policies/policy-step-kinds.js';
import { ResourceBusyError } from '../../../core/runs/resource-locks.js';
import { busyError } from '../../../core/runs/run-transitions.js';

describe('the busy message', () => {
  it('names a policy without its id (cards never show GUIDs outside Details), a collection by its id', () => {
    const policyId = 'cbf7394a-79bf-49a7-9a9a-42924853773e';
    const policy = busyError(new ResourceBusyError(policyResource(policyId), 'r-1'));
    expect(policy.message).toBe('This policy is being worked on by run r-1.');
    expect(JSON.stringify(policy)).not.toContain(policyId);
    expect(busyError(new ResourceBusyError('collection:PS100042', 'r-2')).message).toBe(
      'collection:PS100042 is being worked on by run r-2.',
    );
  });
});
