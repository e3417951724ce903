import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelOfConversation, sameChannelOrChat, threadRootOf } from '../../../bot/conversations/teams-channel.js';

describe('Teams channel thread ids', () => {
  it('split `<channel>;messageid=<root>` into the channel and the root post, and leave other ids whole', () => {
    expect(channelOfConversation('19:abc@thread.tacv2;messageid=1700000000001')).toBe('19:abc@thread.tacv2');
    expect(threadRootOf('19:abc@thread.tacv2;messageid=1700000000001')).toBe('1700000000001');
    expect(channelOfConversation('a:personal-1')).toBe('a:personal-1');
    expect(threadRootOf('a:personal-1')).toBe('');
  });

  it('treat any two threads of one channel as the same place, and different channels or chats as different', () => {
    const id = fc.stringMatching(/^19:[a-z0-9]{1,12}@thread\.tacv2$/);
    fc.assert(
      fc.property(id, id, fc.nat(), fc.nat(), (left, right, a, b) => {
        expect(sameChannelOrChat(`${left};messageid=${a}`, `${left};messageid=${b}`)).toBe(true);
        expect(sameChannelOrChat(`${left};messageid=${a}`, left)).toBe(true);
        expect(sameChannelOrChat(`${left};messageid=${a}`, `${right};messageid=${b}`)).toBe(left === right);
      }),
    );
  });
});
