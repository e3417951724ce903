// Compiles the TypeScript sources into dist/ with the project's own tsc (about 2 s), failing on type errors.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prefixLines } from './prefix-lines.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

export function buildTypeScript() {
  return /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      const tsc = spawn(process.execPath, [TSC, '-p', 'tsconfig.json'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      prefixLines(tsc.stdout, 'tsc', process.stderr);
      prefixLines(tsc.stderr, 'tsc', process.stderr);
      tsc.once('error', reject);
      tsc.once('exit', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`tsc failed (exit ${code}); fix the type errors above (npm run typecheck)`)),
      );
    })
  );
}
