import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeSpans, headings, isDirectory, isFile, readText } from './doc-tree.js';

const DOCS = ['README.md', 'CONTRIBUTING.md', 'docs/operations.md', 'docs/architecture.md'];
/** A file path from the repository root, as the docs write it in code spans. */
const REPO_PATH =
  /^(?:bot|cards|core|adapters|sandbox|test|scripts|bench|docs|manifest)\/[\w./-]+\.(?:ts|mjs|json|md)$/;

/** GitHub's anchor for a heading: lower case, punctuation other than hyphens dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Relative links `[text](path#anchor)` of a markdown file, resolved against its folder. */
function brokenLinks(doc: string): string[] {
  const text = readText(doc);
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target))
    .filter((target) => {
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? doc : posix.normalize(posix.join(posix.dirname(doc), path));
      if (!isFile(file)) return !isDirectory(file);
      return anchor !== undefined && !headings(readText(file)).map(anchorOf).includes(anchor);
    })
    .map((target) => `${doc}: ${target}`);
}

describe('links between the docs', () => {
  it('point at files and headings that exist', () => {
    expect(DOCS.flatMap(brokenLinks)).toEqual([]);
  });

  it('name only repository files that exist (a file that moved is renamed in the docs too)', () => {
    const named = DOCS.flatMap((doc) =>
      codeSpans(readText(doc))
        .filter((span) => REPO_PATH.test(span))
        .map((span) => ({ doc, span })),
    );
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter(({ span }) => !isFile(span)).map(({ doc, span }) => `${doc}: ${span}`)).toEqual([]);
  });

  it('make anchors as GitHub does', () => {
    expect(anchorOf('Node.js versions')).toBe('nodejs-versions');
    expect(anchorOf("Talking to Microsoft's services")).toBe('talking-to-microsofts-services');
    expect(anchorOf('Runs, steps and waits')).toBe('runs-steps-and-waits');
  });
});
