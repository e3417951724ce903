// Runs named child processes with prefixed output. If one exits while nothing asked it to, the others are stopped and
// `onUnexpectedExit` runs. `stopAll` sends SIGTERM to each child's process group, then SIGKILL after the grace period.
import { spawn } from 'node:child_process';
import { prefixLines } from './prefix-lines.mjs';

export function createSupervisor({ graceMs = 5000, onUnexpectedExit, out = process.stdout, err = process.stderr }) {
  const running = new Set();
  const stopping = new AbortController();

  function start(name, command, args, options = {}) {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const lineListeners = new Set();
    const exited = new Promise((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    const entry = { name, child, exited };
    running.add(entry);
    prefixLines(child.stdout, name, out, (line) => lineListeners.forEach((listener) => listener(line)));
    prefixLines(child.stderr, name, err, (line) => lineListeners.forEach((listener) => listener(line)));
    void exited.then((outcome) => {
      running.delete(entry);
      if (!stopping.signal.aborted) onUnexpectedExit(name, outcome);
    });

    /** Resolves with the first non-undefined `match(line)`; rejects if the child exits, stopping starts, or time runs out. */
    function waitForLine(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const finish = (settle, value) => {
          clearTimeout(timer);
          lineListeners.delete(listener);
          stopping.signal.removeEventListener('abort', onAbort);
          settle(value);
        };
        const listener = (line) => {
          const found = match(line);
          if (found !== undefined) finish(resolve, found);
        };
        const onAbort = () => finish(reject, new Error(`stopped while waiting for ${name}`));
        const timer = setTimeout(
          () => finish(reject, new Error(`${name} did not get ready within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        lineListeners.add(listener);
        stopping.signal.addEventListener('abort', onAbort);
        void exited.then(() => finish(reject, new Error(`${name} exited before it was ready`)));
      });
    }
    return { name, child, exited, waitForLine };
  }

  async function stopOne({ child, exited }) {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async function stopAll() {
    stopping.abort();
    await Promise.all([...running].map(stopOne));
  }

  return { start, stopAll, signal: stopping.signal };
}

function signalGroup(child, signal) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
