import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isDirectory, isFile, readText, ROOT, section, treeSources } from './doc-tree.js';

/**
 * A CONTRIBUTING.md recipe's machine-checkable part: the fenced `recipe` block under its heading, one instruction a
 * line (`new`, `also`, `registry`, `fields`, `edit`, `run`, `checked-by`, then its arguments).
 */
export const RECIPE_KINDS = ['new', 'also', 'registry', 'wired', 'fields', 'edit', 'run', 'checked-by'] as const;
export type RecipeKind = (typeof RECIPE_KINDS)[number];

export interface RecipeLine {
  readonly kind: RecipeKind;
  readonly args: readonly string[];
}

export interface Recipe {
  readonly title: string;
  readonly lines: readonly RecipeLine[];
}

/** The recipes under `## Recipes`: each `### heading` with the `recipe` blocks in its part. */
export function recipesOf(markdown: string): Recipe[] {
  const recipes = section(markdown, 'Recipes');
  return [...recipes.matchAll(/^### (.+)$/gm)].map((heading) => {
    const title = heading[1] ?? '';
    const blocks = [...section(recipes, title).matchAll(/^```recipe\n([\s\S]*?)^```$/gm)];
    const lines = blocks.flatMap((block) =>
      (block[1] ?? '')
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((words) => words[0] !== undefined && words[0] !== '')
        .map(([kind = '', ...args]) => ({ kind: kind as RecipeKind, args })),
    );
    return { title, lines };
  });
}

const PLACEHOLDER = /<[^>]+>/;

/** A path the recipe names: a file that must exist, or with a `<placeholder>` a new file whose folder must exist. */
function pathProblems(path: string | undefined, what: string): string[] {
  if (path === undefined) return [`${what}: no path`];
  if (PLACEHOLDER.test(path)) {
    const folder = posix.dirname(path);
    return PLACEHOLDER.test(folder) || !isDirectory(folder) ? [`${what} ${path}: no folder ${folder}`] : [];
  }
  return isFile(path) ? [] : [`${what} ${path}: no such file`];
}

/** An existing file of the kind a `new` line adds: its name (a template's name) and its path. */
interface Item {
  readonly name: string;
  readonly path: string;
}

const definerExport = (definer: string) => new RegExp(`export\\s+function\\s+${definer}\\b`);
const definerCall = (definer: string) => new RegExp(`\\b${definer}\\s*\\(`);

/** Every existing file of the kind: JSON files for a `.json` pattern, else the folder's files that call the definer. */
function itemsOf(pattern: string, definer: string | undefined): Item[] {
  const folder = posix.dirname(pattern);
  const extension = posix.extname(pattern);
  return readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith(extension))
    .map((name) => ({ name: posix.basename(name, extension), path: posix.join(folder, name) }))
    .filter(({ path }) => {
      if (definer === undefined) return true;
      const text = readText(path);
      return definerCall(definer).test(text) && !definerExport(definer).test(text);
    });
}

async function importTree(path: string): Promise<Record<string, unknown>> {
  return (await import(join(ROOT, path))) as Record<string, unknown>;
}

/** The member names of an exported interface or object type declared in `text`, or undefined when none is. */
export function declaredMembers(text: string, name: string): string[] | undefined {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const start = new RegExp(`export\\s+(?:interface\\s+${name}\\b[^{]*|type\\s+${name}\\s*=\\s*)\\{`).exec(code);
  if (!start) return undefined;
  const members: string[] = [];
  let depth = 0;
  for (const line of code.slice(start.index + start[0].length).split('\n')) {
    if (depth === 0) {
      const member = /^\s*(?:readonly\s+)?(?:'([^']+)'|([A-Za-z_$][\w$]*))\??\s*[:(<]/.exec(line);
      if (member) members.push(member[1] ?? member[2] ?? '');
    }
    for (const char of line) {
      if ('{(['.includes(char)) depth += 1;
      if ('})]'.includes(char)) depth -= 1;
    }
    if (depth < 0) break;
  }
  return members;
}

/** The interface a definer takes (`defineCommand(definition: CommandDefinition<S>)`), found wherever it now lives. */
function definitionMembers(definer: string): { file: string; members: string[] } | undefined {
  for (const file of treeSources(['bot', 'cards', 'core'])) {
    const text = readText(file);
    const signature = new RegExp(`export\\s+function\\s+${definer}\\s*(?:<[^(]*>)?\\s*\\(\\s*\\w+\\s*:\\s*(\\w+)`).exec(
      text,
    );
    if (!signature) continue;
    const type = signature[1] ?? '';
    for (const candidate of [file, ...treeSources(['bot', 'cards', 'core'])]) {
      const members = declaredMembers(readText(candidate), type);
      if (members) return { file: candidate, members };
    }
  }
  return undefined;
}

async function registryProblems(file: string, exported: string, items: readonly Item[]): Promise<string[]> {
  const value = (await importTree(file))[exported];
  if (value === undefined) {
    const members = declaredMembers(readText(file), exported);
    if (!members) return [`registry ${file} exports nothing named ${exported}`];
    return items.filter((item) => !members.includes(item.name)).map((item) => `${item.path} is not in ${exported}`);
  }
  const problems: string[] = [];
  for (const item of items) {
    const listed = Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>);
    const found = item.path.endsWith('.json')
      ? !Array.isArray(value) && Object.hasOwn(value as object, item.name)
      : Object.values(await importTree(item.path)).some((member) => listed.includes(member));
    if (!found) problems.push(`${item.path} is not in ${exported} (${file})`);
  }
  return problems;
}

/**
 * `wired <file>…`: kinds built by a factory (step and wait kinds need their ports) are registered by calling it; every
 * existing file of the kind must have one of its exported functions called in one of the files named.
 */
function wiredProblems(files: readonly string[], items: readonly Item[]): string[] {
  const missing = files.filter((file) => !isFile(file));
  if (missing.length > 0) return missing.map((file) => `wired ${file}: no such file`);
  const wiring = files.map((file) => readText(file)).join('\n');
  return items
    .filter((item) => {
      const exported = [...readText(item.path).matchAll(/export\s+function\s+(\w+)/g)].map((match) => match[1] ?? '');
      return !exported.some((name) => new RegExp(`\\b${name}\\s*\\(`).test(wiring));
    })
    .map((item) => `${item.path} is not called in ${files.join(' or ')}`);
}

/** Everything about a recipe that does not hold in the tree as it is now. */
export async function recipeProblems(recipe: Recipe): Promise<string[]> {
  const problems: string[] = [];
  const added = recipe.lines.filter((line) => line.kind === 'new');
  if (added.length !== 1) problems.push(`${recipe.title}: one "new" line expected, found ${added.length}`);
  const [pattern, definer] = added[0]?.args ?? [];
  let items: Item[] = [];
  if (pattern !== undefined) {
    problems.push(...pathProblems(pattern, 'new'));
    if (problems.length === 0) items = itemsOf(pattern, definer);
    if (problems.length === 0 && items.length === 0) {
      problems.push(`new ${pattern}: no existing file of this kind${definer ? ` (calling ${definer})` : ''}`);
    }
  }
  for (const { kind, args } of recipe.lines) {
    const [first, second] = args;
    switch (kind) {
      case 'new':
        break;
      case 'also':
      case 'edit':
      case 'checked-by':
        problems.push(...pathProblems(first, kind));
        break;
      case 'registry':
        if (first === undefined || second === undefined) problems.push('registry: needs a file and an export');
        else if (!isFile(first)) problems.push(`registry ${first}: no such file`);
        else problems.push(...(await registryProblems(first, second, items)));
        break;
      case 'wired':
        problems.push(...(args.length === 0 ? ['wired: needs a file'] : wiredProblems(args, items)));
        break;
      case 'fields': {
        const found = first === undefined ? undefined : definitionMembers(first);
        if (!found) problems.push(`fields: no definer ${String(first)} in the tree`);
        else if ([...args.slice(1)].sort().join(' ') !== [...found.members].sort().join(' ')) {
          problems.push(
            `fields of ${first}: the recipe lists ${args.slice(1).join(' ')}; ${found.file} has ${found.members.join(' ')}`,
          );
        }
        break;
      }
      case 'run': {
        const scripts = (JSON.parse(readText('package.json')) as { scripts: Record<string, string> }).scripts;
        if (first !== 'npm' || second !== 'run' || args[2] === undefined || !(args[2] in scripts)) {
          problems.push(`run ${args.join(' ')}: not an npm script of package.json`);
        }
        break;
      }
      default:
        problems.push(`${recipe.title}: unknown instruction "${String(kind)}" (${RECIPE_KINDS.join(', ')})`);
    }
  }
  return problems;
}
