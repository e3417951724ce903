import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { defineCommand } from '../../../bot/context/command-context.js';
import { tokenize } from '../../../bot/commands/tokenize.js';

const sample = defineCommand({
  name: 'policy create',
  summary: 's',
  usage: 'u',
  examples: [],
  positionals: ['profile'],
  args: z.object({
    profile: z.enum(['edr', 'antivirus']),
    target: z.enum(['intune', 'configmgr']),
    name: z.string().min(1),
    enabled: z.boolean().optional(),
    policy: z.array(z.string()).optional(),
    page: z.coerce.number().int().positive().optional(),
  }),
  changesTenant: true,
  role: 'operator',
  run: async () => undefined,
});

function bind(text: string) {
  return bindArguments(sample, tokenize(text));
}

describe('bindArguments', () => {
  it('binds positionals, quoted flags, boolean flags, repeated flags and --flag=value', () => {
    const result = bind('edr --target configmgr --name "EDR pilot" --enabled --policy a --policy=b --page 2');
    expect(result).toEqual({
      ok: true,
      args: { profile: 'edr', target: 'configmgr', name: 'EDR pilot', enabled: true, policy: ['a', 'b'], page: 2 },
    });
  });

  it('accepts the typographic quotes Teams inserts', () => {
    expect(bind('edr --target intune --name \u201cEDR pilot\u201d')).toMatchObject({
      ok: true,
      args: { name: 'EDR pilot' },
    });
  });

  it('names each bad or missing argument', () => {
    const result = bind('xdr --target cloud --frob 1 extra');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byArgument = Object.fromEntries(result.problems.map((problem) => [problem.argument, problem.problem]));
    expect(Object.keys(byArgument).sort()).toEqual(['--frob', '--name', '--target', '<profile>', 'extra'].sort());
    expect(byArgument['--name']).toBe('is required');
  });

  it('reports a value flag without its value', () => {
    const result = bind('edr --target intune --name');
    expect(result).toEqual({ ok: false, problems: [{ argument: '--name', problem: 'needs a value' }] });
  });

  it.each([
    '--constructor',
    '--to-string',
    '--value-of',
    '--has-own-property',
    '--__proto__',
    '--proto',
    '--is-prototype-of',
  ])('names %s as an unknown option instead of crashing on an object internal', (flag) => {
    const result = bind(`edr --target intune --name x ${flag} 1`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({ argument: flag, problem: 'is not an option of this command' });
  });

  it('keeps a value that looks like an object internal as plain text', () => {
    expect(bind('edr --target intune --name __proto__')).toMatchObject({ ok: true, args: { name: '__proto__' } });
    expect(bind('edr --target intune --name constructor')).toMatchObject({ ok: true, args: { name: 'constructor' } });
  });
});
