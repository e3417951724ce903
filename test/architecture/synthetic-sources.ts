import { posix } from 'node:path';
import type { SourceFile } from './import-graph.js';

/** Source files that import each other as given: `['core/a/x.ts', 'core/b/y.ts']` makes x import y. */
export function filesImporting(...imports: readonly (readonly [string, string])[]): SourceFile[] {
  const paths = [...new Set(imports.flat())];
  return paths.map((path) => ({
    path,
    text: imports
      .filter(([from]) => from === path)
      .map(([from, to]) => {
        const relative = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '.js');
        return `import { x } from '${relative.startsWith('.') ? relative : `./${relative}`}';`;
      })
      .join('\n'),
  }));
}
