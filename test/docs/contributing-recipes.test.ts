import { describe, expect, it } from 'vitest';
import { codeSpans, headings, readText, section, treeFolders } from './doc-tree.js';
import { declaredMembers, recipeProblems, recipesOf, type Recipe } from './recipe-check.js';

const contributing = readText('CONTRIBUTING.md');
const recipes = recipesOf(contributing);
const LAYOUT_TOPS = ['core', 'bot', 'adapters', 'cards', 'sandbox', 'test'];

function recipe(title: string): Recipe {
  const found = recipes.find((candidate) => candidate.title === title);
  if (!found) throw new Error(`CONTRIBUTING.md has no recipe "${title}"`);
  return found;
}

describe('the recipes in CONTRIBUTING.md', () => {
  it.each(['Add a command', 'Add a card', 'Add a card verb', 'Add a step kind', 'Add a wait kind'])(
    '"%s" holds in the tree',
    async (title) => {
      const found = recipe(title);
      expect(found.lines.length).toBeGreaterThan(0);
      expect(await recipeProblems(found)).toEqual([]);
    },
  );

  it('every recipe with a recipe block holds in the tree (the lead adds step and wait kinds)', async () => {
    for (const found of recipes.filter((candidate) => candidate.lines.length > 0)) {
      expect(await recipeProblems(found), found.title).toEqual([]);
    }
    expect(recipes.map((found) => found.title)).toEqual(expect.arrayContaining(['Add a step kind', 'Add a wait kind']));
  });

  it('name the role in the command and verb recipes, as the definitions require it', () => {
    for (const title of ['Add a command', 'Add a card verb']) {
      const fields = recipe(title).lines.find((line) => line.kind === 'fields')?.args ?? [];
      expect(fields, title).toContain('role');
    }
  });

  describe('fail where the tree says otherwise', () => {
    const command = recipe('Add a command');
    const without = (kind: string) => command.lines.filter((line) => line.kind !== kind);

    it('a registry that does not list the files of the kind', async () => {
      const wrong = [...without('registry'), { kind: 'registry' as const, args: ['bot/verbs/index.ts', 'verbs'] }];
      const problems = await recipeProblems({ title: 'wrong registry', lines: wrong });
      expect(problems.some((problem) => /bot\/commands\/help\.ts is not in verbs/.test(problem))).toBe(true);
    });

    it('a wiring file that does not call a kind built by a factory', async () => {
      const steps = recipe('Add a step kind');
      const wrong = [
        ...steps.lines.filter((line) => line.kind !== 'wired'),
        { kind: 'wired' as const, args: ['bot/wiring/step-handlers.ts'] },
      ];
      const problems = await recipeProblems({ title: 'half wired', lines: wrong });
      expect(problems).toContain(
        'core/workflow/steps/tenant-attach-step.ts is not called in bot/wiring/step-handlers.ts',
      );
      expect(problems.some((problem) => problem.includes('hand-over-step.ts'))).toBe(false);
    });

    it('a registry export that does not exist', async () => {
      const wrong = [...without('registry'), { kind: 'registry' as const, args: ['bot/commands/index.ts', 'cmds'] }];
      expect(await recipeProblems({ title: 'wrong export', lines: wrong })).toEqual([
        'registry bot/commands/index.ts exports nothing named cmds',
      ]);
    });

    it('a field list without role', async () => {
      const fields = command.lines.find((line) => line.kind === 'fields')?.args ?? [];
      const wrong = [
        ...without('fields'),
        { kind: 'fields' as const, args: fields.filter((field) => field !== 'role') },
      ];
      const problems = await recipeProblems({ title: 'no role', lines: wrong });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^fields of defineCommand/);
    });

    it('paths, folders, scripts and definers that are not there', async () => {
      const problems = await recipeProblems({
        title: 'stale',
        lines: [
          { kind: 'new', args: ['bot/commandz/<name>.ts', 'defineCommand'] },
          { kind: 'edit', args: ['bot/commands/gone.ts'] },
          { kind: 'also', args: ['cards/viewz/<name>-view.ts'] },
          { kind: 'run', args: ['npm', 'run', 'no-such-script'] },
          { kind: 'fields', args: ['defineNothing', 'name'] },
        ],
      });
      expect(problems).toEqual([
        'new bot/commandz/<name>.ts: no folder bot/commandz',
        'edit bot/commands/gone.ts: no such file',
        'also cards/viewz/<name>-view.ts: no folder cards/viewz',
        'run npm run no-such-script: not an npm script of package.json',
        'fields: no definer defineNothing in the tree',
      ]);
    });

    it('a definer no file of the folder calls', async () => {
      const problems = await recipeProblems({
        title: 'wrong definer',
        lines: [{ kind: 'new', args: ['bot/commands/<name>.ts', 'defineVerb'] }],
      });
      expect(problems).toEqual(['new bot/commands/<name>.ts: no existing file of this kind (calling defineVerb)']);
    });
  });
});

describe('declaredMembers', () => {
  it('reads the top-level members of an interface, quoted names included, nested ones left out', () => {
    const text = [
      'export interface Thing<S> {',
      '  /** A name: { not a member } */',
      '  readonly name: string;',
      "  'two-words': number;",
      '  readonly nested?: { readonly inner: string };',
      '  run(args: { a: string }, context: Context): Promise<void>;',
      '}',
    ].join('\n');
    expect(declaredMembers(text, 'Thing')).toEqual(['name', 'two-words', 'nested', 'run']);
    expect(declaredMembers(text, 'Other')).toBeUndefined();
  });
});

describe("CONTRIBUTING.md's layout", () => {
  const layout = section(contributing, 'Layout');
  const named = new Set(
    codeSpans(layout)
      .filter((span) => span.endsWith('/'))
      .map((span) => span.slice(0, -1)),
  );

  it('names every folder of core/, bot/, adapters/, cards/, sandbox/ and test/', () => {
    const folders = treeFolders(LAYOUT_TOPS);
    expect(folders.length).toBeGreaterThan(60);
    expect(folders.filter((folder) => !named.has(folder))).toEqual([]);
  });

  it('names no folder that is gone', () => {
    const existing = new Set(treeFolders([...LAYOUT_TOPS, 'bench', 'scripts', 'manifest', 'docs']));
    expect([...named].filter((folder) => !existing.has(folder))).toEqual([]);
  });

  it('leaves the lead the run kernel part of docs/architecture.md', () => {
    expect(headings(readText('docs/architecture.md'))).toContain('Runs, steps and waits');
  });
});
