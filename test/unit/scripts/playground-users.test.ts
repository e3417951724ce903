import { describe, expect, it } from 'vitest';
import { playgroundUsers } from '../../../scripts/lib/playground-users.mjs';

describe('PLAYGROUND_USERS', () => {
  it('opens Alex (requester) and Megan (approver) side by side when unset', () => {
    expect(playgroundUsers({})).toEqual(['alex', 'megan']);
  });

  it('takes the people in window order, any case, spaces ignored', () => {
    expect(playgroundUsers({ PLAYGROUND_USERS: ' Megan, patti ,ALEX' })).toEqual(['megan', 'patti', 'alex']);
  });

  it('keeps a single-user mode, also through the older PLAYGROUND_USER', () => {
    expect(playgroundUsers({ PLAYGROUND_USERS: 'alex' })).toEqual(['alex']);
    expect(playgroundUsers({ PLAYGROUND_USER: 'isaiah' })).toEqual(['isaiah']);
    expect(playgroundUsers({ PLAYGROUND_USERS: 'adele', PLAYGROUND_USER: 'isaiah' })).toEqual(['adele']);
  });

  it('refuses a person the sandbox does not know, and one person twice', () => {
    expect(() => playgroundUsers({ PLAYGROUND_USERS: 'alex,mallory' })).toThrow(
      'PLAYGROUND_USERS: mallory unknown; choose from alex, megan',
    );
    expect(() => playgroundUsers({ PLAYGROUND_USERS: 'alex,megan,alex' })).toThrow('names alex twice');
  });
});
