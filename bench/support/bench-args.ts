/**
 * The parent of issue 16's first commit (7dacb06, "Bench: npm run bench measures ..."): main after the merge of issue 14,
 * where the issue-16 branch started. d042e6e, where the old "Before" table was measured, is 31 commits older (issues
 * 11, 12 and 14 came between), so comparing against it would charge issue 16 with their changes too.
 */
export const DEFAULT_BASELINE = '210d497';
export const DEFAULT_ROUNDS = 25;
export const DEFAULT_HELP_TURNS = 300;

export type BenchArgs =
  | { readonly mode: 'round-trips' }
  | {
      readonly mode: 'baseline';
      /** The git ref to check out and build, or undefined when `dir` names a checkout that is already built. */
      readonly ref: string | undefined;
      readonly dir: string | undefined;
      readonly rounds: number;
      readonly helpTurns: number;
      /** Whose sandbox code the baseline bot talks to: the current tree's (default) or its own checkout's. */
      readonly sandbox: 'current' | 'own';
    };

export class BenchArgsError extends Error {}

const USAGE =
  'usage: npm run bench [-- --baseline [<git-ref>] | --baseline-dir <built checkout>] [--rounds <n>] [--help-turns <n>] ' +
  '[--sandbox current|own]';

function count(name: string, value: string | undefined, minimum: number): number {
  const parsed = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || parsed < minimum)
    throw new BenchArgsError(`${name} needs a whole number >= ${minimum}, got ${value ?? 'nothing'}. ${USAGE}`);
  return parsed;
}

/** `--baseline` alone compares against DEFAULT_BASELINE; the other flags only go with a baseline. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let baseline = false;
  let ref: string | undefined;
  let dir: string | undefined;
  let rounds: number | undefined;
  let helpTurns: number | undefined;
  let sandbox: 'current' | 'own' | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const [flag = '', inline] = (argv[index] ?? '').split(/=(.*)/s, 2);
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      index += 1;
      return next;
    };
    if (flag === '--baseline') {
      baseline = true;
      ref = takeValue();
      if (ref === '') throw new BenchArgsError(`--baseline= needs a git ref. ${USAGE}`);
    } else if (flag === '--baseline-dir') {
      baseline = true;
      dir = takeValue();
      if (!dir) throw new BenchArgsError(`--baseline-dir needs the path of a built checkout. ${USAGE}`);
    } else if (flag === '--rounds') rounds = count('--rounds', takeValue(), 1);
    else if (flag === '--help-turns') helpTurns = count('--help-turns', takeValue(), 1);
    else if (flag === '--sandbox') {
      const value = takeValue();
      if (value !== 'current' && value !== 'own')
        throw new BenchArgsError(`--sandbox is 'current' or 'own', got ${value ?? 'nothing'}. ${USAGE}`);
      sandbox = value;
    } else throw new BenchArgsError(`unknown argument '${argv[index]}'. ${USAGE}`);
  }
  if (!baseline) {
    if (rounds !== undefined || helpTurns !== undefined || sandbox !== undefined)
      throw new BenchArgsError(`--rounds, --help-turns and --sandbox go with --baseline. ${USAGE}`);
    return { mode: 'round-trips' };
  }
  if (dir !== undefined && ref !== undefined)
    throw new BenchArgsError(`--baseline <ref> and --baseline-dir are alternatives. ${USAGE}`);
  return {
    mode: 'baseline',
    ref: dir === undefined ? (ref ?? DEFAULT_BASELINE) : undefined,
    dir,
    rounds: rounds ?? DEFAULT_ROUNDS,
    helpTurns: helpTurns ?? DEFAULT_HELP_TURNS,
    sandbox: sandbox ?? 'current',
  };
}
