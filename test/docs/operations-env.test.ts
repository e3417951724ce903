import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readText, ROOT, section, treeSources } from './doc-tree.js';

const operations = readText('docs/operations.md');

/** The environment schema, found in bot/ wherever it now lives (`export const environmentSchema = z.object(…)`). */
async function environmentShape(): Promise<Record<string, z.ZodType>> {
  const file = treeSources(['bot']).find((path) => /export const environmentSchema\b/.test(readText(path)));
  if (!file) throw new Error('no environmentSchema in bot/');
  const schema = ((await import(join(ROOT, file))) as { environmentSchema: z.ZodObject<z.ZodRawShape> })
    .environmentSchema;
  return schema.shape as Record<string, z.ZodType>;
}

/** `| \`NAME\` | default | meaning |` rows: the name and the default cell. */
function documentedRows(text: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of text.matchAll(/^\| `([A-Za-z_][A-Za-z0-9_]*)` \| ((?:[^|\\]|\\.)*) \|/gm)) {
    rows.set(match[1] ?? '', (match[2] ?? '').trim());
  }
  return rows;
}

/** A default cell starting with a code span states the default; anything else says there is none (unset, empty). */
function statedDefault(cell: string): string | undefined {
  return /^`([^`]*)`/.exec(cell)?.[1];
}

describe('docs/operations.md', () => {
  const configuration = section(operations, 'Configuration');
  const botTables = configuration.slice(0, configuration.indexOf('### Read by `npm start` only'));

  it('has a row for every variable the bot reads, with its default as the schema has it', async () => {
    const shape = await environmentShape();
    const rows = documentedRows(botTables);
    expect(Object.keys(shape).length).toBeGreaterThan(40);
    expect(Object.keys(shape).filter((name) => !rows.has(name))).toEqual([]);
    for (const [name, field] of Object.entries(shape)) {
      const stated = statedDefault(rows.get(name) ?? '');
      const actual: unknown = field.parse(undefined);
      if (stated === undefined) expect([undefined, ''], `${name} has a default`).toContain(actual);
      else expect(field.parse(stated), `${name}: documented default ${stated}`).toEqual(actual);
    }
  });

  it("lists in the bot's tables only variables the bot reads", async () => {
    const shape = await environmentShape();
    expect([...documentedRows(botTables).keys()].filter((name) => !(name in shape))).toEqual([]);
  });

  it('names every variable bot/ reads from process.env directly', () => {
    const direct = treeSources(['bot']).flatMap((file) =>
      [...readText(file).matchAll(/process\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\])/g)].map(
        (match) => match[1] ?? match[2] ?? '',
      ),
    );
    expect(direct.filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
  });

  it('reads default cells: a leading code span is the default, words mean none', () => {
    const rows = documentedRows(
      ['| `A` | `30s` | x |', '| `B` | unset: `0.0.0.0` with credentials | y |', '| `C` | empty | a \\| b |'].join(
        '\n',
      ),
    );
    expect([...rows].map(([name, cell]) => [name, statedDefault(cell)])).toEqual([
      ['A', '30s'],
      ['B', undefined],
      ['C', undefined],
    ]);
  });
});
