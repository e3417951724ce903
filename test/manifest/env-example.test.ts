import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../../bot/config/config-schema.js';
import { parseEnvFile } from '../../scripts/lib/env-file.mjs';

const LAUNCHER_VARIABLES = [
  'SANDBOX_PORT',
  'SANDBOX_SCENARIO',
  'SANDBOX_FAULTS',
  'SANDBOX_SEED',
  'SANDBOX_MAA_DIALECT',
  'SANDBOX_CA_FILE',
  'PLAYGROUND',
  'PLAYGROUND_PORT',
  'PLAYGROUND_USERS',
];
const example = readFileSync('.env.example', 'utf8');

function documentedNames(): string[] {
  return [...example.matchAll(/^#? ?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1] ?? '');
}

describe('.env.example', () => {
  it('documents every variable the bot reads and every variable npm start reads, each under a comment', () => {
    const expected = [...Object.keys(environmentSchema.shape), ...LAUNCHER_VARIABLES];
    expect([...documentedNames()].sort()).toEqual([...expected].sort());
    const lines = example.split('\n');
    lines.forEach((line, index) => {
      if (/^#? ?[A-Za-z_]\w*=/.test(line)) expect(lines[index - 1], line).toMatch(/^# [^=]+$/);
    });
  });

  it('sets only values the bot accepts as they stand', () => {
    expect(() => environmentSchema.parse(parseEnvFile(example))).not.toThrow();
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=value lines, strips quotes and trailing comments, and ignores everything else', () => {
    const text = [
      '# comment',
      'A=1',
      'export B = two words ',
      'C="quoted # kept"',
      "D='x'",
      'E=v # note',
      'not a line',
      '',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({ A: '1', B: 'two words', C: 'quoted # kept', D: 'x', E: 'v' });
  });
});
