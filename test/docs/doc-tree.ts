import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** The repository root: the docs tests read the tree as it is, so files that move are found where they are. */
export const ROOT = new URL('../..', import.meta.url).pathname;

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function isFile(path: string): boolean {
  return existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile();
}

export function isDirectory(path: string): boolean {
  return existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isDirectory();
}

/** Tracked files and new ones not ignored (build output, data and scratch files never count), still on disk. */
export function treeFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
    .toString()
    .split('\n')
    .filter((path) => path !== '' && isFile(path));
}

/** Every folder holding a file of the tree, at any depth, under the given top-level folders (`core/runs`, …). */
export function treeFolders(tops: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of treeFiles()) {
    let folder = posix.dirname(file);
    while (folder !== '.') {
      if (tops.includes(folder.split('/')[0] ?? '')) folders.add(folder);
      folder = posix.dirname(folder);
    }
  }
  return [...folders].sort();
}

/** TypeScript sources of the tree under the given top-level folders (declaration files excluded). */
export function treeSources(tops: readonly string[]): string[] {
  return treeFiles().filter(
    (path) => tops.includes(path.split('/')[0] ?? '') && path.endsWith('.ts') && !path.endsWith('.d.ts'),
  );
}

/** The text under a heading (any level), up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && (/^#+/.exec(line)?.[0].length ?? 0) <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The headings of a markdown text, without their `#`s. */
export function headings(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => /^#+ /.test(line))
    .map((line) => line.replace(/^#+ /, ''));
}

/** The contents of the inline code spans of a text (`a`, `b`); fenced blocks are not spans. */
export function codeSpans(text: string): string[] {
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  return [...prose.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
}
