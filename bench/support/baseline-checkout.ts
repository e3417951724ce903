import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BaselineCheckout {
  readonly root: string;
  /** The commit that was checked out, or a description of the given directory. */
  readonly label: string;
  /** Removes the worktree; safe to call more than once and from an 'exit' handler (synchronous). */
  remove(): void;
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const sameFile = (left: string, right: string): boolean =>
  existsSync(left) && existsSync(right) && readFileSync(left).equals(readFileSync(right));

function run(what: string, command: string, args: string[], cwd: string, logFile: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(logFile, `${result.stdout}\n${result.stderr}`, { flag: 'a' });
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`${what} failed in ${cwd} (exit ${result.status ?? result.signal}):\n${tail}`);
  }
}

/**
 * `ref` checked out with `git worktree add --detach` in a temporary folder and built with its own tsc: its own
 * `npm ci` when its package.json or package-lock.json differ from the current tree's, else the current node_modules
 * linked in. The worktree is removed by `remove()`, which the caller also registers for exit; a failed build removes it
 * before throwing.
 */
export function checkOutBaseline(ref: string, currentRoot: string, say: (line: string) => void): BaselineCheckout {
  let commit: string;
  try {
    commit = git(currentRoot, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new Error(`--baseline: '${ref}' names no commit in this repository`);
  }
  const root = mkdtempSync(join(tmpdir(), 'attachops-baseline-'));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    // Deleting the folder and pruning is much quicker than `git worktree remove`, which checks every file of the
    // installed node_modules first.
    rmSync(root, { recursive: true, force: true });
    rmSync(`${root}.log`, { force: true });
    spawnSync('git', ['worktree', 'prune'], { cwd: currentRoot, stdio: 'ignore' });
  };
  const logFile = `${root}.log`;
  try {
    say(`baseline: git worktree add --detach ${root} ${commit.slice(0, 12)}`);
    git(currentRoot, 'worktree', 'add', '--detach', root, commit);
    const sameDependencies = ['package.json', 'package-lock.json'].every((file) =>
      sameFile(join(root, file), join(currentRoot, file)),
    );
    if (sameDependencies) {
      say('baseline: same package.json and lock as the current tree, linking its node_modules');
      symlinkSync(join(currentRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    } else {
      say('baseline: its package.json or lock differs, npm ci (about a minute)');
      run('npm ci', 'npm', ['ci', '--no-audit', '--no-fund'], root, logFile);
    }
    say('baseline: tsc');
    run('tsc', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], root, logFile);
    rmSync(logFile, { force: true });
    return { root, label: commit.slice(0, 7), remove };
  } catch (error) {
    remove();
    throw error;
  }
}
