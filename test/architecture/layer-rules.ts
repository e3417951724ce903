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

/**
 * The Teams SDKs and their HTTP servers, each only in its host folder (bot/hosts/host-port.ts is the port both
 * implement), and in the benchmarks' bare comparison bots (`bench/support/bare-*.ts`), which measure the SDK alone.
 */
const HOST_PACKAGES: readonly { readonly folder: string; readonly packages: readonly RegExp[] }[] = [
  { folder: 'bot/hosts/botbuilder/', packages: [/^botbuilder/, /^botframework-/, /^restify/] },
  { folder: 'bot/hosts/agents/', packages: [/^@microsoft\/agents-/, /^express$/] },
];
const BARE_COMPARISON_BOT = /^bench\/support\/bare-[\w-]+\.ts$/;

/** Where a host package may be imported from; undefined when the package is no host's. */
function hostFolderOf(packageName: string): string | undefined {
  return HOST_PACKAGES.find((host) => host.packages.some((pattern) => pattern.test(packageName)))?.folder;
}

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

/** Every broken rule of the layering: forbidden packages and layers, and the environment read in core. */
export function layerViolations(files: readonly SourceFile[], edges: readonly ImportEdge[]): Violation[] {
  const violations: Violation[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    if (edge.kind === 'package') {
      if (from === 'core' && CORE_FORBIDDEN_PACKAGES.some((pattern) => pattern.test(edge.to))) {
        violations.push({ file: edge.from, rule: `core imports the package ${edge.to}` });
        continue;
      }
      const hostFolder = hostFolderOf(edge.to);
      if (hostFolder && !edge.from.startsWith(hostFolder) && !BARE_COMPARISON_BOT.test(edge.from)) {
        violations.push({ file: edge.from, rule: `${edge.to} imported outside ${hostFolder} (the host port)` });
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
  return violations;
}
