import { describe, expect, it } from 'vitest';
import { splitMarker, withMarker } from '../../adapters/graph/managed-marker.js';

describe('the AttachOps description marker', () => {
  it.each([
    ['', 'r-7k2m9q.s3'],
    ['pilot ring', 'r-abcdef.s1'],
    ['  spaced out  ', 'r-222222.s9'],
    ['mentions [managed by AttachOps] inside', 'r-q9q9q9.s2'],
    ['ends in a bracket]', 'r-x.s1'],
  ])('gives back the description %j and the write ref %s it was made with', (description, writeRef) => {
    expect(splitMarker(withMarker(description, writeRef))).toEqual({
      description: description.trim(),
      managed: true,
      ref: writeRef,
    });
  });

  it('still reads markers written before refs existed, and text without a marker', () => {
    expect(splitMarker('pilot [managed by AttachOps]')).toEqual({ description: 'pilot', managed: true });
    expect(splitMarker('made by hand')).toEqual({ description: 'made by hand', managed: false });
    expect(splitMarker('[managed by AttachOps ref ] hand edited')).toEqual({
      description: '[managed by AttachOps ref ] hand edited',
      managed: false,
    });
  });
});
