import { layerOf, type ImportEdge, type SourceFile } from './import-graph.js';

/** Packages that are transport, SDK or templating: the core stays free of them so another host is one folder. */
const CORE_FORBIDDEN_PACKAGES = [
  /^botbuilder/,
  /^botframework-/,
  /^restify/,
  /^@microsoft\/microsoft-graph-client$/,
  /^@azure\//,
  /^adaptivecards/,
  /^adaptive-expressions$/,
];

/** Which layers a layer must never import. */
const FORBIDDEN_LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: ['bot', 'cards', 'adapters', 'sandbox', 'bench', 'scripts'],
  cards: ['bot', 'adapters', 'sandbox'],
  adapters: ['bot', 'sandbox'],
  bot: ['sandbox'],
};

export interface Violation {
  readonly file: string;
  readonly rule: string;
}

/** Every broken rule of the layering: forbidden packages and layers, the environment read in core, and cycles. */
export function layerViolations(files: readonly SourceFile[], edges: readonly ImportEdge[]): Violation[] {
  const violations: Violation[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    if (edge.kind === 'package') {
      if (from === 'core' && CORE_FORBIDDEN_PACKAGES.some((pattern) => pattern.test(edge.to))) {
        violations.push({ file: edge.from, rule: `core imports the package ${edge.to}` });
      }
      continue;
    }
    const to = layerOf(edge.to);
    if (FORBIDDEN_LAYERS[from]?.includes(to)) {
      violations.push({ file: edge.from, rule: `${from}/ imports ${to}/ (${edge.to})` });
    }
  }
  for (const file of files) {
    if (layerOf(file.path) === 'core' && /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*['"]env['"]\s*\]/.test(file.text)) {
      violations.push({
        file: file.path,
        rule: 'core reads process.env (configuration is read in bot/ and passed in)',
      });
    }
  }
  for (const cycle of layerCycles(edges)) {
    violations.push({ file: cycle.join(' -> '), rule: `import cycle between folders: ${cycle.join(' -> ')}` });
  }
  return violations;
}

/** Cycles in the folder-level graph (each reported once, starting from its smallest folder name). */
export function layerCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.kind !== 'file') continue;
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    if (from === to) continue;
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  }
  const cycles = new Map<string, string[]>();
  const walk = (path: readonly string[]): void => {
    const last = path[path.length - 1] ?? '';
    for (const next of graph.get(last) ?? []) {
      if (next === path[0]) {
        const cycle = [...path, next];
        const key = [...path].sort().join(',');
        if (!cycles.has(key) && path[0] === [...path].sort()[0]) cycles.set(key, cycle);
      } else if (!path.includes(next)) {
        walk([...path, next]);
      }
    }
  };
  for (const start of graph.keys()) walk([start]);
  return [...cycles.values()];
}
