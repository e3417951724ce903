// `npm start`: builds, then runs the sandbox tenant (unless TENANT_ID is configured), the bot, and one Agents Playground
// per person of PLAYGROUND_USERS (Alex and Megan by default, side by side on consecutive ports, sharing the one bot).
// Ctrl-C or SIGTERM stops all of them; if any of them dies, the rest are stopped and this exits non-zero.
import { localEmulatorPort, startAzurite } from './lib/azurite.mjs';
import { buildTypeScript, ROOT } from './lib/build.mjs';
import { loadEnvFile } from './lib/env-file.mjs';
import { DEFAULT_PLAYGROUND_PORT, startPlayground } from './lib/playground.mjs';
import { playgroundUsers, windowName } from './lib/playground-users.mjs';
import { botStateInFiles, setAsideBotState } from './lib/reset-bot-state.mjs';
import { sandboxAvailable, startSandbox } from './lib/sandbox.mjs';
import { createSupervisor } from './lib/supervisor.mjs';
import { waitForHttp } from './lib/wait-for-http.mjs';

const BOT_READY_TIMEOUT_MS = 30_000;
const say = (line) => process.stdout.write(`[start] ${line}\n`);

const supervisor = createSupervisor({
  onUnexpectedExit(name, { code, signal, error }) {
    const how = error ? `could not start (${error.message})` : `exited (${signal ?? `code ${code}`})`;
    say(`${name} ${how}; stopping everything`);
    void shutDown(1);
  },
});

let shuttingDown;
function shutDown(exitCode) {
  shuttingDown ??= supervisor.stopAll().then(() => process.exit(exitCode));
  return shuttingDown;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    void shutDown(0);
  });
}

async function startTenant(env) {
  if (env.TENANT_ID) {
    say('TENANT_ID is set: the bot uses the configured tenant');
    return {};
  }
  if (!sandboxAvailable()) {
    say(
      'no TENANT_ID and the sandbox tenant is not available (dist/sandbox/main.js missing): the bot runs without a tenant',
    );
    return {};
  }
  const { url, botEnvironment } = await startSandbox(supervisor, env);
  say(`sandbox tenant at ${url}`);
  if (env.SANDBOX_RESET === '1') resetBotState(env);
  return botEnvironment;
}

/** A clean tenant means a clean bot: nothing from before the reset resumes (README, "Reset means reset"). */
function resetBotState(env) {
  if (!botStateInFiles(env)) {
    say('SANDBOX_RESET=1: the bot keeps its state in Azure Blob Storage, which is not cleared; use an empty container');
    return;
  }
  const aside = setAsideBotState(env.DATA_DIR ?? `${ROOT}data`);
  if (aside) say(`SANDBOX_RESET=1: the bot's runs, approvals, cards, schedules and audit log were moved to ${aside}`);
}

function botAddress(env) {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port <= 0) throw new Error('npm start needs a fixed PORT (1-65535) for the bot');
  const host = env.BIND_HOST && env.BIND_HOST !== '0.0.0.0' ? env.BIND_HOST : '127.0.0.1';
  return `http://${host}:${port}`;
}

/** One playground per person, the first on PLAYGROUND_PORT and each next one on the port after. */
async function startPlaygrounds(env, botEndpoint) {
  const users = playgroundUsers(env);
  const firstPort = Number(env.PLAYGROUND_PORT ?? DEFAULT_PLAYGROUND_PORT);
  const windows = [];
  for (const [index, who] of users.entries()) {
    const personal = { ...env, PLAYGROUND_USER: who, PLAYGROUND_PORT: String(firstPort + index) };
    const url = await startPlayground(supervisor, personal, botEndpoint, `playground ${who}`);
    windows.push({ who, url });
  }
  for (const { who, url } of windows) say(`open ${url} to chat with the bot as ${windowName(who)}`);
  if (windows.length > 1) say("put the windows side by side: each is one person's Teams chat with the same bot");
}

async function main() {
  const loaded = loadEnvFile(`${ROOT}.env`);
  if (loaded.length > 0) say(`loaded ${loaded.length} variables from .env`);
  if (process.env.PLAYGROUND !== '0') playgroundUsers(process.env); // a misspelt name fails now, not after the build
  await buildTypeScript();
  const env = { ...process.env };
  const tenantEnvironment = await startTenant(env);
  const emulatorPort = localEmulatorPort(env);
  if (emulatorPort !== undefined)
    say(`Azure Storage emulator (Azurite) at ${await startAzurite(supervisor, env, emulatorPort)}`);
  const bot = botAddress(env);
  supervisor.start('bot', process.execPath, [`${ROOT}dist/bot/main.js`], {
    cwd: ROOT,
    env: { ...env, ...tenantEnvironment },
  });
  await waitForHttp(`${bot}/readyz`, { timeoutMs: BOT_READY_TIMEOUT_MS, signal: supervisor.signal, what: 'the bot' });
  say(`bot ready: ${bot}/api/messages`);
  if (env.PLAYGROUND === '0') {
    say('PLAYGROUND=0: not starting the Agents Playground');
  } else {
    if (env.MicrosoftAppId)
      say('MicrosoftAppId is set, so the bot requires Bot Framework tokens, which the playground does not send');
    await startPlaygrounds(env, `${bot}/api/messages`);
  }
  say('Ctrl-C stops everything');
}

main().catch((error) => {
  if (shuttingDown) return;
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  void shutDown(1);
});
