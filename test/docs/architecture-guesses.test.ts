import { describe, expect, it } from 'vitest';
import { codeSpans, isFile, readText, section, treeSources } from './doc-tree.js';

/** How the code marks a fact about Microsoft's services that the reference notes do not confirm. */
const GUESS_MARK = /\bGUESS\b|\[U\]|\[I\]|\bINFERRED\b|\bUNCERTAIN\b|\bour reading\b/;

const guesses = section(readText('docs/architecture.md'), 'Where the guesses live');
const listed = new Set(codeSpans(guesses).filter((span) => /^[\w-]+\/[\w./-]+\.ts$/.test(span)));

describe('the guesses table in docs/architecture.md', () => {
  it('lists every file that marks a guess, and every assumptions file', () => {
    const marked = treeSources(['bot', 'core', 'adapters', 'cards', 'sandbox']).filter(
      (file) => /assumption/.test(file) || GUESS_MARK.test(readText(file)),
    );
    expect(marked.length).toBeGreaterThan(15);
    expect(marked.filter((file) => !listed.has(file))).toEqual([]);
  });

  it('lists only files that exist', () => {
    expect([...listed].filter((file) => !isFile(file))).toEqual([]);
  });

  it('knows a mark when it sees one', () => {
    const marks = [
      'GUESS (graph-intune.md §5)',
      'is [U] in',
      'marked [I] there',
      'INFERRED by the note',
      'our reading',
    ];
    expect(marks.filter((text) => !GUESS_MARK.test(text))).toEqual([]);
    expect(GUESS_MARK.test('no guessing here, see [V] and UNCERTAINTY')).toBe(false);
  });
});
