import { posix } from 'node:path';
import type { ImportEdge, SourceFile } from './import-graph.js';
import { cyclicComponents } from './strongly-connected.js';
import type { Violation } from './layer-rules.js';

/** An import between two source files, both as repo paths of files in the list. */
export interface FileEdge {
  readonly from: string;
  readonly to: string;
}

/** The file each relative import names (`./x.js` is `x.ts` in the tree; a folder is its `index.ts`), when it is listed. */
export function fileEdges(files: readonly SourceFile[], edges: readonly ImportEdge[]): FileEdge[] {
  const paths = new Set(files.map((file) => file.path));
  const resolve = (target: string): string | undefined =>
    [
      target,
      target.replace(/\.js$/, '.ts'),
      target.replace(/\.mjs$/, '.mts'),
      target.replace(/\.cjs$/, '.cts'),
      `${target}.ts`,
      `${target}/index.ts`,
    ].find((candidate) => paths.has(candidate));
  return edges.flatMap((edge) => {
    if (edge.kind !== 'file') return [];
    const to = resolve(edge.to);
    return to === undefined ? [] : [{ from: edge.from, to }];
  });
}

function foldersOf(path: string): string[] {
  const folder = posix.dirname(path);
  return folder === '.' ? [] : folder.split('/');
}

/**
 * The folder-level edge an import makes: the first folders in which the two paths part, under their common ancestor
 * (`core/audit/x.ts -> core/runs/y.ts` is `core/audit -> core/runs`; `bot/a.ts -> core/b.ts` is `bot -> core`).
 * A file directly in the common ancestor is that folder's own, not a sibling of its subfolders: no folder edge.
 */
export function folderEdgeOf(edge: FileEdge): FileEdge | undefined {
  const from = foldersOf(edge.from);
  const to = foldersOf(edge.to);
  let shared = 0;
  while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared += 1;
  if (shared === from.length || shared === to.length) return undefined;
  return { from: from.slice(0, shared + 1).join('/'), to: to.slice(0, shared + 1).join('/') };
}

/** A graph over names, with the first file edge that made each of its edges. */
function graphOf(edges: readonly { readonly name: FileEdge; readonly file: FileEdge }[]) {
  const graph = new Map<string, Set<string>>();
  const example = new Map<string, FileEdge>();
  for (const { name, file } of edges) {
    graph.set(name.from, (graph.get(name.from) ?? new Set()).add(name.to));
    const key = `${name.from} -> ${name.to}`;
    if (!example.has(key)) example.set(key, file);
  }
  return { graph, example };
}

/**
 * Cycles between folders at any depth, one violation per strongly connected group of sibling folders: it names the
 * folders and, for every folder edge inside the group, one file import that makes it.
 */
export function folderCycleViolations(edges: readonly FileEdge[]): Violation[] {
  const { graph, example } = graphOf(
    edges.flatMap((file) => {
      const name = folderEdgeOf(file);
      return name === undefined ? [] : [{ name, file }];
    }),
  );
  return cyclicComponents(graph).map((folders) => {
    const inside = [...example.entries()]
      .filter(([key]) => {
        const [from = '', to = ''] = key.split(' -> ');
        return folders.includes(from) && folders.includes(to);
      })
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, file]) => `${key} (${file.from} -> ${file.to})`);
    return {
      file: folders.join(', '),
      rule: `import cycle between folders ${folders.join(', ')}: ${inside.join('; ')}`,
    };
  });
}

/** Cycles between files: one violation per strongly connected group, showing one shortest cycle through its first file. */
export function fileCycleViolations(edges: readonly FileEdge[]): Violation[] {
  const { graph } = graphOf(edges.map((file) => ({ name: file, file })));
  return cyclicComponents(graph).map((files) => {
    const cycle = shortestCycle(graph, files[0] ?? '', new Set(files));
    return {
      file: files.join(', '),
      rule: `import cycle between files (${files.length} in the group): ${cycle.join(' -> ')}`,
    };
  });
}

/** The shortest path from `start` back to itself that stays inside `within` (breadth first). */
function shortestCycle(graph: ReadonlyMap<string, ReadonlySet<string>>, start: string, within: ReadonlySet<string>) {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head] ?? '';
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0] ?? '') ?? start);
        return [...path, start];
      }
      if (within.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}
