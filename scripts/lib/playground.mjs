// Microsoft 365 Agents Playground from node_modules, pointed at the bot, without opening a browser or sending telemetry.
import { fileURLToPath } from 'node:url';
import { ROOT } from './build.mjs';
import { playgroundConfigFile } from './playground-user.mjs';

const PLAYGROUND_CLI = `${ROOT}node_modules/@microsoft/m365agentsplayground/cli.js`;
const READY_TIMEOUT_MS = 30_000;
export const DEFAULT_PLAYGROUND_PORT = 56150;

/** The port of the playground's "Listening on <port>" line (it picks another port when the asked one is taken). */
export function playgroundPort(line) {
  const match = /Listening on (\d+)/.exec(line);
  return match ? Number(match[1]) : undefined;
}

export function playgroundCommand(port) {
  return [PLAYGROUND_CLI, 'start', '-p', String(port), '-c', 'msteams', '--dt'];
}

/** Keeps the playground on 127.0.0.1 (see loopback-only.cjs). */
const LOOPBACK_ONLY = fileURLToPath(new URL('./loopback-only.cjs', import.meta.url));

export function playgroundEnvironment(env, botEndpoint) {
  const loopbackOnly = `--require=${JSON.stringify(LOOPBACK_ONLY)}`;
  const configFile = playgroundConfigFile(`${ROOT}.sandbox`, env.PLAYGROUND_USER?.toLowerCase() || undefined);
  return {
    ...env,
    TEAMSAPPTESTER_BROWSER: 'none',
    BOT_ENDPOINT: botEndpoint,
    NODE_OPTIONS: [env.NODE_OPTIONS, loopbackOnly].filter(Boolean).join(' '),
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
  };
}

/**
 * Starts the playground for env.PLAYGROUND_USER under `supervisor` (named `name`, whose output lines it prefixes) and
 * returns the URL to open.
 */
export async function startPlayground(supervisor, env, botEndpoint, name = 'playground') {
  const requested = Number(env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
  const playground = supervisor.start(name, process.execPath, playgroundCommand(requested), {
    cwd: ROOT,
    env: playgroundEnvironment(env, botEndpoint),
  });
  const port = await playground.waitForLine(playgroundPort, READY_TIMEOUT_MS);
  return `http://127.0.0.1:${port}`;
}
