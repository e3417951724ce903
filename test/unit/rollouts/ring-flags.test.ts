import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRing, refuseDuplicateRings } from '../../../core/rollouts/ring-flags.js';
import { isUserFacingError } from '../../../core/user-facing-error.js';

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,20}[A-Za-z0-9]$/);

describe('--ring', () => {
  it('reads a name and its targets, whatever the spacing', () => {
    fc.assert(
      fc.property(word, fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom('', ' '), (name, to, gap) => {
        expect(parseRing(`${gap}${name}${gap}=${gap}${to.join(`${gap},${gap}`)}${gap}`)).toEqual({ name, to });
      }),
    );
  });

  it('answers any text with a ring or a named card', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        try {
          const ring = parseRing(typed);
          expect(ring.name).not.toBe('');
          expect(ring.to.length).toBeGreaterThan(0);
        } catch (error) {
          expect(isUserFacingError(error) && error.title).toMatch(/^A ring I cannot read$|^A ring name over 64/);
        }
      }),
    );
  });

  it('refuses a ring without a name or without targets, and two rings of one name', () => {
    for (const typed of ['PS100042', '=PS100042', 'pilot=', 'pilot= , ']) {
      expect(() => parseRing(typed), typed).toThrow(/is not a ring/);
    }
    expect(() => refuseDuplicateRings([parseRing('pilot=PS100042'), parseRing('Pilot=PS100013')])).toThrow(
      'Two rings are called "Pilot".',
    );
  });
});
