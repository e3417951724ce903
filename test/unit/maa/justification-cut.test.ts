import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildJustification,
  type JustificationFacts,
  MAX_JUSTIFICATION_CHARS,
} from '../../../core/maa/tenant-write.js';

const HEAD = 'AttachOps: ';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function clusters(text: string): string[] {
  return Array.from(graphemes.segment(text), ({ segment }) => segment);
}

/** Any Unicode text: single code points from the whole range (astral ones included) or whole emoji and combining sequences. */
const unicodeText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ unit: 'binary', minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength }));

const facts = fc.record({
  what: fc.oneof(unicodeText(0, 40), unicodeText(800, 1_400)),
  // Now and then names long enough that the tail alone does not fit.
  requestedBy: fc.oneof({ weight: 4, arbitrary: unicodeText(0, 60) }, unicodeText(600, 700)),
  approvedBy: fc.array(unicodeText(0, 80), { maxLength: 4 }),
  planHash: fc.constant('c'.repeat(64)),
  approvalId: fc.constant('a-7k2m9q'),
  runId: fc.constant('r-7k2m9q'),
});

function tailOf(input: JustificationFacts): string {
  return (
    ` Requested by ${input.requestedBy} in Teams; approved in Teams by ${input.approvedBy.join(', ') || 'nobody'}` +
    ` (AttachOps request ${input.approvalId}, run ${input.runId}, plan sha256 ${input.planHash}).`
  );
}

/** `kept` (without its ellipsis) is the longest run of `source`'s first whole characters that fits in `room` units. */
function expectWholeCharacterPrefix(kept: string, source: string, room: number): void {
  expect(kept.endsWith('…')).toBe(true);
  const prefix = clusters(kept.slice(0, -1));
  const all = clusters(source);
  expect(all.slice(0, prefix.length)).toEqual(prefix);
  const next = all[prefix.length];
  expect(next).toBeDefined();
  expect(prefix.join('').length + (next ?? '').length).toBeGreaterThan(room - 1);
}

describe('the justification is cut between whole characters', () => {
  it('never splits a surrogate pair, an emoji or a combining sequence, and stays within 1,024 characters', () => {
    let titleCut = 0;
    let wholeCut = 0;
    fc.assert(
      fc.property(facts, (input) => {
        const text = buildJustification(input);
        expect(text.length).toBeLessThanOrEqual(MAX_JUSTIFICATION_CHARS);
        expect(LONE_SURROGATE.test(text)).toBe(false);
        expect(text.startsWith(HEAD)).toBe(true);
        const tail = tailOf(input);
        const titleRoom = MAX_JUSTIFICATION_CHARS - HEAD.length - tail.length;
        if (titleRoom < 1) {
          wholeCut += 1;
          expectWholeCharacterPrefix(text, `${HEAD}${tail}`, MAX_JUSTIFICATION_CHARS);
          return;
        }
        expect(text.endsWith(tail)).toBe(true);
        const title = text.slice(HEAD.length, text.length - tail.length);
        if (input.what.length <= titleRoom) {
          expect(title).toBe(input.what);
          return;
        }
        titleCut += 1;
        expectWholeCharacterPrefix(title, input.what, titleRoom);
      }),
      { numRuns: 400 },
    );
    // Both kinds of cut were tried: otherwise this property proves nothing about them.
    expect(titleCut).toBeGreaterThan(20);
    expect(wholeCut).toBeGreaterThan(5);
  });

  it('keeps the whole tail and cuts the title before an emoji it cannot fit whole', () => {
    const input: JustificationFacts = {
      what: `Create policy ${'👍🏽'.repeat(400)}`,
      requestedBy: 'Alex Wilber',
      approvedBy: ['Megan Bowen'],
      planHash: 'f'.repeat(64),
      approvalId: 'a-1',
      runId: 'r-1',
    };
    const text = buildJustification(input);
    expect(text.length).toBeLessThanOrEqual(MAX_JUSTIFICATION_CHARS);
    expect(text.endsWith(tailOf(input))).toBe(true);
    expect(text).toMatch(/^AttachOps: Create policy (👍🏽)+… Requested by/u);
    expect(LONE_SURROGATE.test(text)).toBe(false);
  });

  it('cuts between flags, never inside one', () => {
    const input: JustificationFacts = {
      what: '🇩🇪'.repeat(600),
      requestedBy: 'Alex Wilber',
      approvedBy: [],
      planHash: 'f'.repeat(64),
      approvalId: 'a-1',
      runId: 'r-1',
    };
    const title = buildJustification(input).slice(HEAD.length, -tailOf(input).length - 1);
    expect(title.length % '🇩🇪'.length).toBe(0);
    expect(clusters(title).every((flag) => flag === '🇩🇪')).toBe(true);
  });
});
