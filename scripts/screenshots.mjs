// `npm run screenshots`: follows the README walkthrough in the Agents Playground (headless Chromium) and saves PNGs in
// docs/screenshots/: help, check, collections, approval, progress, compliance, the two windows side by side, and
// (in a second tenant, scenario `maa`) the progress card while Intune holds the change for Multi Admin Approval.
// It starts what `npm start` starts (sandbox tenant, scenario `fresh` as in the README; the bot; two playgrounds, Alex
// the requester and Megan the approver, on the one bot) in a temporary DATA_DIR on free ports.
// Everything it started is stopped on exit, also on failure (then full-page screenshots go to test-results/).
// Needs /usr/bin/chromium, and a colour emoji font for the cards' status icons (Debian: fonts-noto-color-emoji).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { buildTypeScript, ROOT } from './lib/build.mjs';
import { freePort } from './lib/free-port.mjs';
import { cardsWith, launchChromium, openPlayground, send } from './lib/playground-browser.mjs';
import { startPlayground } from './lib/playground.mjs';
import { startSandbox } from './lib/sandbox.mjs';
import { createSupervisor } from './lib/supervisor.mjs';
import { waitForHttp } from './lib/wait-for-http.mjs';

const OUT_DIR = join(ROOT, 'docs/screenshots');
const FAILURE_DIR = join(ROOT, 'test-results');
const BOT_READY_TIMEOUT_MS = 60_000;
/** How long to wait for a card: a run's steps and the bot's answers take seconds, more on a loaded machine. */
const CARD_TIMEOUT_MS = 60_000;
/** The playground's chat column shows a card about as wide as Teams does (446 px). */
const VIEWPORT = { width: 1100, height: 900 };
/** The playground's header and message editor, above and below the chat pane, with room to spare. */
const PLAYGROUND_CHROME_PX = 500;
const POLICY = 'EDR pilot';
const COLLECTION = 'PS100042';

const say = (line) => process.stdout.write(`[screenshots] ${line}\n`);

/** Rejects when a child dies unasked or a signal arrives: the run stops there, and main's cleanup runs. */
let interrupt;
const interrupted = new Promise((_resolve, reject) => {
  interrupt = reject;
});
interrupted.catch(() => undefined);
const supervisor = createSupervisor({
  onUnexpectedExit(name, { code, signal, error }) {
    interrupt(new Error(`${name} ${error ? `could not start (${error.message})` : `exited (${signal ?? code})`}`));
  },
});

/** A clean environment, so a developer's .env or shell (a real tenant, app credentials) never leaks in. */
function baseEnvironment(dataDir, scenario) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SANDBOX_SCENARIO: scenario,
    SANDBOX_CA_FILE: join(dataDir, 'sandbox-ca.pem'),
    M365_AGENTS_PLAYGROUND_LOGFILE: join(dataDir, 'playground.log'),
  };
}

/** What scripts/start.mjs does, on free ports, with one playground per person. */
async function startStack(dataDir, scenario) {
  const env = {
    ...baseEnvironment(dataDir, scenario),
    SANDBOX_PORT: String(await freePort()),
    PORT: String(await freePort()),
  };
  const { url: sandboxUrl, botEnvironment } = await startSandbox(supervisor, env);
  say(`sandbox tenant at ${sandboxUrl}`);
  const bot = `http://127.0.0.1:${env.PORT}`;
  supervisor.start(`bot ${scenario}`, process.execPath, [`${ROOT}dist/bot/main.js`], {
    cwd: ROOT,
    env: { ...env, ...botEnvironment },
  });
  await waitForHttp(`${bot}/readyz`, { timeoutMs: BOT_READY_TIMEOUT_MS, signal: supervisor.signal, what: 'the bot' });
  say(`bot ready at ${bot}`);
  const playgroundFor = async (who) =>
    startPlayground(
      supervisor,
      { ...env, PLAYGROUND_USER: who, PLAYGROUND_PORT: String(await freePort()) },
      `${bot}/api/messages`,
      `playground ${who} ${scenario}`,
    );
  const alex = await playgroundFor('alex');
  const megan = await playgroundFor('megan');
  say(`playgrounds: Alex ${alex}, Megan ${megan}`);
  return { sandboxUrl, caFile: env.SANDBOX_CA_FILE, alex, megan };
}

/** A POST to the sandbox's control API (the console actions and the simulated clock). */
function sandboxControl({ sandboxUrl, caFile }, path, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sandboxUrl}/_sandbox/${path}`,
      { method: 'POST', ca: readFileSync(caFile), headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 500) < 300 ? resolve(undefined) : reject(new Error(`${path}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** @param {import('playwright-core').Locator} card @param {string} name */
async function shoot(card, name) {
  await card.waitFor({ timeout: CARD_TIMEOUT_MS });
  // A card taller than the chat pane is cut by the pane's scrolling: make the window tall enough to show it whole.
  const page = card.page();
  const height = Math.ceil((await card.boundingBox())?.height ?? 0) + PLAYGROUND_CHROME_PX;
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, height) });
  await card.scrollIntoViewIfNeeded();
  const path = join(OUT_DIR, `${name}.png`);
  await card.screenshot({ path, animations: 'disabled' });
  say(`${name}.png (${Math.round(statSync(path).size / 1024)} KB)`);
}

/**
 * The `index`-th (0-based) card containing `text`, waited for: counting first tells a new answer from an older one.
 * @param {import('playwright-core').Page} page @param {string | RegExp} text
 */
async function nextCard(page, text, act) {
  const before = await cardsWith(page, text).count();
  await act();
  const card = cardsWith(page, text).nth(before);
  await card.waitFor({ timeout: CARD_TIMEOUT_MS });
  return card;
}

/** Megan opens the one request waiting for her and approves it; returns once the approval card has answered. */
async function approveAsMegan(megan, shotName) {
  const list = await nextCard(megan, 'waits for you', () => send(megan, 'approvals'));
  await list.locator('button', { hasText: 'Open' }).first().click();
  const approval = cardsWith(megan, POLICY)
    .filter({ has: megan.locator('button', { hasText: 'Approve' }) })
    .last();
  if (shotName) await shoot(approval, shotName);
  else await approval.waitFor({ timeout: CARD_TIMEOUT_MS });
  await approval.locator('button', { hasText: /^Approve$/ }).click();
}

/** Presses the latest Verify button in `page` and waits for the card that says `verified`. */
async function verify(page, verified) {
  const verifiable = cardsWith(page, /./).filter({ has: page.locator('button', { hasText: /^Verify$/ }) });
  await verifiable.last().waitFor({ timeout: CARD_TIMEOUT_MS });
  await verifiable
    .last()
    .locator('button', { hasText: /^Verify$/ })
    .click();
  await cardsWith(page, verified).last().waitFor({ timeout: CARD_TIMEOUT_MS });
}

/** Both windows as they are now, side by side in one PNG (Alex's left, Megan's right), as the README asks to put them. */
async function shootSideBySide(left, right, name) {
  for (const page of [left, right]) await page.setViewportSize(VIEWPORT);
  const a = PNG.sync.read(await left.screenshot());
  const b = PNG.sync.read(await right.screenshot());
  const gap = 8;
  const both = new PNG({ width: a.width + gap + b.width, height: Math.max(a.height, b.height) });
  both.data.fill(0x60);
  PNG.bitblt(a, both, 0, 0, a.width, a.height, 0, 0);
  PNG.bitblt(b, both, 0, 0, b.width, b.height, a.width + gap, 0);
  const path = join(OUT_DIR, `${name}.png`);
  writeFileSync(path, PNG.sync.write(both));
  say(`${name}.png (${Math.round(statSync(path).size / 1024)} KB)`);
}

/** The README walkthrough (scenario `fresh`), line by line in the window it names, shooting the cards on the way. */
async function walkthrough(stack, browser) {
  const options = { timeoutMs: CARD_TIMEOUT_MS, viewport: VIEWPORT };
  const alex = await openPlayground(browser, stack.alex, options);
  const megan = await openPlayground(browser, stack.megan, options);
  pages.push(alex, megan);

  await shoot(await nextCard(alex, 'AttachOps commands', () => send(alex, 'help')), 'help');
  await nextCard(alex, 'Not ready', () => send(alex, 'check'));
  await nextCard(alex, 'Create AAD Application', () => send(alex, 'attach'));
  await sandboxControl(stack, 'console/tenant-attach', { uploadScope: 'all' });
  await verify(alex, 'verified: the hierarchy is tenant attached');
  await nextCard(alex, 'Cloud Sync tab', () => send(alex, `enable ${COLLECTION}`));
  await sandboxControl(stack, `console/collections/${COLLECTION}/cloud-sync`, { endpointSecurity: true });
  await sandboxControl(stack, 'clock/advance', { seconds: 30 });
  await verify(alex, /verified: .* is enabled/);
  await shoot(await nextCard(alex, '✅ Ready', () => send(alex, 'check')), 'check');
  await shoot(await nextCard(alex, /collections · page \d+ of \d+/, () => send(alex, 'collections')), 'collections');

  const create = `policy create edr --target configmgr --name "${POLICY}" --sample-sharing all`;
  await nextCard(alex, 'Approval needed', () => send(alex, create));
  const created = await nextCard(alex, `Created policy ${POLICY}`, () => approveAsMegan(megan, 'approval'));
  await shoot(created, 'progress');

  await nextCard(alex, 'Approval needed', () => send(alex, `assign "${POLICY}" --to ${COLLECTION}`));
  await nextCard(alex, `Assigned ${POLICY}`, () => approveAsMegan(megan, undefined));
  await shootSideBySide(alex, megan, 'two-windows');
  await nextCard(alex, /of \d+ devices reported/, () => send(alex, 'compliance'));
  // An hour of simulated time: every device of the collection reports (the README walkthrough's last step).
  await sandboxControl(stack, 'clock/advance', { seconds: 3600 });
  await shoot(await nextCard(alex, /(\d+) of \1 devices reported/, () => send(alex, 'compliance')), 'compliance');
}

/** Scenario `maa`: the approved change is held by Intune for a second Intune administrator; Alex's card says so. */
async function intuneHold(stack, browser) {
  const options = { timeoutMs: CARD_TIMEOUT_MS, viewport: VIEWPORT };
  const alex = await openPlayground(browser, stack.alex, options);
  const megan = await openPlayground(browser, stack.megan, options);
  pages.push(alex, megan);
  const create = `policy create edr --target configmgr --name "${POLICY}" --sample-sharing all`;
  await nextCard(alex, 'Approval needed', () => send(alex, create));
  const held = await nextCard(alex, 'Intune holds this change', () => approveAsMegan(megan, undefined));
  await shoot(held, 'intune-hold');
}

/** @type {import('playwright-core').Page[]} */
const pages = [];
/** @type {import('playwright-core').Browser | undefined} */
let browser;

async function saveFailureScreens() {
  mkdirSync(FAILURE_DIR, { recursive: true });
  for (const [index, page] of pages.entries()) {
    const path = join(FAILURE_DIR, `screenshots-failure-${index}-${index % 2 === 0 ? 'alex' : 'megan'}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    say(`the page at failure: ${path}`);
  }
}

async function capture(dataDir) {
  say('building');
  await buildTypeScript();
  mkdirSync(OUT_DIR, { recursive: true });
  browser = await launchChromium();
  await walkthrough(await startStack(join(dataDir, 'fresh'), 'fresh'), browser);
  await intuneHold(await startStack(join(dataDir, 'maa'), 'maa'), browser);
  say(`done: ${OUT_DIR}`);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'attachops-screenshots-'));
  try {
    const work = capture(dataDir);
    work.catch(() => undefined);
    await Promise.race([work, interrupted]);
  } catch (error) {
    await saveFailureScreens();
    throw error;
  } finally {
    await browser?.close();
    await supervisor.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    interrupt(new Error(`stopped by ${signal}`));
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
