import { describe, expect, it } from 'vitest';
import { playgroundConfig } from '../../../scripts/lib/playground-user.mjs';
import { DEMO_USERS } from '../../../sandbox/index.js';

describe('PLAYGROUND_USER', () => {
  it('makes the chosen demo person the playground user, with their sandbox directory id', () => {
    const config = playgroundConfig('megan');
    const current = config.slice(config.indexOf('currentUser:'), config.indexOf('users:'));
    expect(current).toContain('name: Megan Bowen');
    expect(current).toContain(`aadObjectId: ${DEMO_USERS.approver.id}`);
  });

  it('refuses someone the sandbox does not know', () => {
    expect(() => playgroundConfig('mallory')).toThrow('PLAYGROUND_USER must be one of');
  });
});
