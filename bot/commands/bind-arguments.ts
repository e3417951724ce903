import { type z } from 'zod';
import type { AnyCommand } from '../context/command-context.js';

export interface ArgumentProblem {
  /** As the user would type it: `--name`, `<collection>`. */
  readonly argument: string;
  readonly problem: string;
}

export type BindResult =
  | { readonly ok: true; readonly args: Record<string, unknown> }
  | { readonly ok: false; readonly problems: readonly ArgumentProblem[] };

/** Any `--word` is meant as an option: unknown ones (`--constructor`, `--__proto__`) are named, never looked up blindly. */
const FLAG = /^--([^\s=]+)(?:=(.*))?$/s;

export function kebabToCamel(name: string): string {
  return name.toLowerCase().replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export function camelToKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Each command's arguments schema made strict once: zod builds and compiles a new schema on every `.strict()`, which
 * was a tenth of a `help` turn.
 */
const strictArgs = new WeakMap<AnyCommand, AnyCommand['args']>();

function strictArgsOf(command: AnyCommand): AnyCommand['args'] {
  const made = strictArgs.get(command) ?? command.args.strict();
  strictArgs.set(command, made);
  return made;
}

/** Turns the words after the command name into its zod-validated arguments. */
export function bindArguments(command: AnyCommand, words: readonly string[]): BindResult {
  const shape = command.args.shape;
  const raw = new Map<string, unknown>();
  const problems: ArgumentProblem[] = [];
  const positionals: string[] = [];

  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    const flag = FLAG.exec(word);
    if (!flag) {
      positionals.push(word);
      continue;
    }
    const flagName = flag[1] ?? '';
    const key = kebabToCamel(flagName);
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field || command.positionals.includes(key)) {
      problems.push({ argument: `--${flagName}`, problem: 'is not an option of this command' });
      const next = words[index + 1];
      if (flag[2] === undefined && next !== undefined && !FLAG.test(next)) index += 1;
      continue;
    }
    let value: unknown;
    if (acceptsBoolean(field)) {
      value = flag[2] === undefined ? true : flag[2];
    } else if (flag[2] !== undefined) {
      value = flag[2];
    } else {
      const next = words[index + 1];
      if (next === undefined || FLAG.test(next)) {
        problems.push({ argument: `--${flagName}`, problem: 'needs a value' });
        continue;
      }
      value = next;
      index += 1;
    }
    raw.set(key, acceptsArray(field) ? [...asArray(raw.get(key)), value] : value);
  }

  positionals.forEach((word, position) => {
    const key = command.positionals[position];
    if (key === undefined) {
      problems.push({ argument: word, problem: 'is an unexpected extra argument (quote values that contain spaces)' });
      return;
    }
    raw.set(key, word);
  });

  const parsed = strictArgsOf(command).safeParse(Object.fromEntries(raw));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const problem = describeIssue(command, issue, raw);
      if (!problems.some((known) => known.argument === problem.argument)) problems.push(problem);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, args: parsed.data };
}

function describeIssue(
  command: AnyCommand,
  issue: z.core.$ZodIssue,
  raw: ReadonlyMap<string, unknown>,
): ArgumentProblem {
  const key = String(issue.path[0] ?? '');
  const argument = command.positionals.includes(key) ? `<${camelToKebab(key)}>` : `--${camelToKebab(key)}`;
  // An absent enum (`--target`) fails as invalid_value in zod 4; absent is absent, whatever the field's type.
  // zod 4 leaves `input` out of issues unless asked, so whether the word was given is read from what was bound.
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && raw.get(key) === undefined;
  return { argument, problem: missing ? 'is required' : issue.message };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function innerType(field: z.core.$ZodType): z.core.$ZodType {
  let current = field;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
    if (!['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(def.type) || !def.innerType)
      return current;
    current = def.innerType;
  }
}

function acceptsBoolean(field: z.core.$ZodType): boolean {
  return innerType(field)._zod.def.type === 'boolean';
}

function acceptsArray(field: z.core.$ZodType): boolean {
  return innerType(field)._zod.def.type === 'array';
}
