import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCommand } from '../../../bot/commands/audit.js';
import { bindArguments } from '../../../bot/commands/bind-arguments.js';
import { findCommand } from '../../../bot/commands/find-command.js';
import { commands } from '../../../bot/commands/index.js';
import { tokenize } from '../../../bot/commands/tokenize.js';
import { MAX_SINCE_MS, parseSinceDuration } from '../../../core/audit/since-duration.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function bind(text: string) {
  const found = findCommand(commands, tokenize(text));
  if (!found) throw new Error(`no command for ${text}`);
  return { command: found.command.name, bound: bindArguments(found.command, found.rest) };
}

/** Names as people have them: letters, digits, spaces, dots, hyphens, apostrophes; not starting with `--`. */
const personName = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-'), {
    minLength: 1,
    maxLength: 30,
  })
  .map((chars) => chars.join('').trim())
  .filter((name) => name !== '' && !name.startsWith('-'));

const QUOTES = [
  ['"', '"'],
  ['\u201c', '\u201d'],
  ["'", "'"],
] as const;

describe('audit arguments', () => {
  it('reads --since as minutes, hours or days, whatever the number and case', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom('m', 'h', 'd', 'M', 'H', 'D'),
        (amount, unit) => {
          const parsed = parseSinceDuration(`${amount}${unit}`);
          const ms = amount * UNIT_MS[unit.toLowerCase() as keyof typeof UNIT_MS];
          if (ms > MAX_SINCE_MS) expect(parsed).toMatchObject({ ok: false, problem: expect.stringMatching(/3650d/) });
          else expect(parsed).toMatchObject({ ok: true, ms });
        },
      ),
    );
  });

  it('refuses anything else for --since with a problem that quotes it and shows the form to use', () => {
    const notDuration = fc.string({ maxLength: 12 }).filter((text) => !/^\s*\d{1,7}[mhd]\s*$/i.test(text));
    fc.assert(
      fc.property(notDuration, (text) => {
        const parsed = parseSinceDuration(text);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.problem).toMatch(/\d+[mhd]|30m \(minutes\)|3650d/);
      }),
    );
  });

  it('turns --since problems into a usage card line that says what to type instead', () => {
    expect(bind('audit --since 7 days').bound).toEqual({
      ok: false,
      problems: [
        { argument: 'days', problem: expect.stringMatching(/extra argument/) },
        { argument: '--since', problem: expect.stringContaining('"7" has no unit') },
      ],
    });
    expect(bind('audit --since "7 days"').bound).toMatchObject({
      ok: false,
      problems: [{ argument: '--since', problem: '"7 days" is not written the short way: write 7d' }],
    });
    expect(bind('audit --since 2w').bound).toMatchObject({
      ok: false,
      problems: [{ argument: '--since', problem: '"2w" is in weeks, which --since does not take: write 14d' }],
    });
    expect(bind('audit --since 0h').bound).toMatchObject({ ok: false, problems: [{ argument: '--since' }] });
    expect(bind('audit --since').bound).toMatchObject({
      ok: false,
      problems: [{ argument: '--since', problem: 'needs a value' }],
    });
  });

  it('binds quoted names with spaces exactly, in any flag order and with any quote style Teams sends', () => {
    fc.assert(
      fc.property(
        personName,
        personName,
        fc.integer({ min: 1, max: 500 }),
        fc.constantFrom(...QUOTES),
        fc.boolean(),
        (user, policy, days, [open, close], policyFirst) => {
          const userFlag = `--user ${open}${user}${close}`;
          const policyFlag = `--policy=${open}${policy}${close}`;
          const text = [
            'audit',
            ...(policyFirst ? [policyFlag, userFlag] : [userFlag, policyFlag]),
            `--since ${days}d`,
          ].join(' ');
          const { command, bound } = bind(text);
          expect(command).toBe(auditCommand.name);
          expect(bound).toEqual({
            ok: true,
            args: {
              user,
              policy,
              since: { ok: true, ms: days * UNIT_MS.d, words: `${days} ${days === 1 ? 'day' : 'days'}` },
            },
          });
        },
      ),
    );
  });

  it('routes `audit verify` to the admin command and everything else starting with audit to the reader one', () => {
    expect(bind('audit verify').command).toBe('audit verify');
    expect(bind('AUDIT Verify').command).toBe('audit verify');
    expect(bind('audit --user verify').command).toBe('audit');
    expect(commands.find((command) => command.name === 'audit')?.role).toBe('reader');
    expect(commands.find((command) => command.name === 'audit verify')?.role).toBe('admin');
    expect(bind('audit verify --since 7d').bound).toMatchObject({ ok: false, problems: [{ argument: '--since' }] });
  });
});
