export interface LoadArgs {
  readonly seconds: number;
  readonly users: number;
  /** Each user waits a random 0..thinkMs after an answer before the next turn. */
  readonly thinkMs: number;
  /** Blob instances sharing the Azurite (2 unless told; 1 tells what the second instance costs). */
  readonly instances: number;
}

export const LOAD_USAGE =
  'usage: npm run bench:load [-- --seconds <n>] [--users <n>] [--think-ms <n>] [--instances <n>]';

/** `--seconds 60 --users 50 --think-ms 1000 --instances 2` unless told otherwise; `--name=value` works too. */
export function parseLoadArgs(argv: readonly string[]): LoadArgs {
  const values: Record<string, number> = {
    '--seconds': 60,
    '--users': 50,
    '--think-ms': 1000,
    '--instances': 2,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag = '', inline] = (argv[index] ?? '').split(/=(.*)/s, 2);
    const value = inline ?? argv[(index += 1)];
    if (!(flag in values)) throw new Error(`unknown argument '${argv[index] ?? flag}'. ${LOAD_USAGE}`);
    if (value === undefined || !/^\d+$/.test(value) || (flag !== '--think-ms' && Number(value) < 1))
      throw new Error(`${flag} needs a whole number${flag === '--think-ms' ? '' : ' >= 1'}. ${LOAD_USAGE}`);
    values[flag] = Number(value);
  }
  return {
    seconds: values['--seconds'] ?? 60,
    users: values['--users'] ?? 50,
    thinkMs: values['--think-ms'] ?? 1000,
    instances: values['--instances'] ?? 2,
  };
}
