import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/** One import as written in a source file: the importing file and the resolved target (a repo path or a package). */
export interface ImportEdge {
  readonly from: string;
  /** A repo-relative path for relative imports, the package name otherwise. */
  readonly to: string;
  readonly kind: 'file' | 'package';
}

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export const LAYERS = ['bot', 'cards', 'core', 'adapters', 'sandbox', 'bench', 'scripts'] as const;

/** Every tracked source file of the layers, read from git so build output and scratch files never count. */
export function readSources(root: string): SourceFile[] {
  const listed = execFileSync('git', ['ls-files', ...LAYERS.map((layer) => `${layer}/`)], { cwd: root })
    .toString()
    .split('\n')
    .filter((path) => /\.(ts|mts|cts|mjs|cjs|js)$/.test(path) && !path.endsWith('.d.ts'));
  return listed.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** Static imports, re-exports, `import()` and `require()` of each file, as the TypeScript pre-processor sees them. */
export function importsOf(file: SourceFile): ImportEdge[] {
  const { importedFiles } = ts.preProcessFile(file.text, true, true);
  return importedFiles.map(({ fileName }) =>
    fileName.startsWith('.')
      ? { from: file.path, to: posix.join(posix.dirname(file.path), fileName), kind: 'file' }
      : { from: file.path, to: packageName(fileName), kind: 'package' },
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

export function layerOf(path: string): string {
  return path.split('/')[0] ?? path;
}
