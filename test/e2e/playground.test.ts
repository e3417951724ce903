import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundCommand, playgroundEnvironment, playgroundPort } from '../../scripts/lib/playground.mjs';
import { startTestBot, type TestBot } from '../support/bot-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT_DIR = 'test-results';
const STOP_GRACE_MS = 3000;
const UI_TIMEOUT_MS = 15_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startPlayground(
  port: number,
  botEndpoint: string,
  dir: string,
): { child: ChildProcess; listening: Promise<number> } {
  const env = playgroundEnvironment(
    { ...process.env, M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log') },
    botEndpoint,
  );
  const child = spawn(process.execPath, playgroundCommand(port), { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the playground did not listen: ${output.join(' | ')}`)),
      UI_TIMEOUT_MS,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const found = playgroundPort(line);
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the playground exited (${code}): ${output.join(' | ')}`));
    });
  });
  return { child, listening };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

const EDITOR = '[data-lexical-editor="true"][role="textbox"]';
/** The playground's editor becomes clickable seconds after the page is network-idle (5 s idle here, more under load). */
const EDITOR_READY_TIMEOUT_MS = 30_000;

async function send(page: Page, text: string): Promise<void> {
  await page.locator(EDITOR).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the bot in Microsoft 365 Agents Playground, driven through Chromium', () => {
  let bot: TestBot | undefined;
  let playground: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let dir: string | undefined;
  let setupFailure: unknown;

  /** Each test fails (rather than being skipped) with the reason setup failed, e.g. Chromium missing. */
  function assertSetUp(): void {
    if (setupFailure !== undefined) throw setupFailure;
  }

  beforeAll(async () => {
    try {
      await setUp();
    } catch (error) {
      setupFailure = error;
    }
  }, 120_000);

  async function setUp(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium)`);
    }
    dir = mkdtempSync(join(tmpdir(), 'attachops-playground-'));
    bot = await startTestBot();
    const started = startPlayground(await freePort(), `${bot.bot.url}/api/messages`, dir);
    playground = started.child;
    const port = await started.listening;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
    await page.locator(EDITOR).click({ timeout: EDITOR_READY_TIMEOUT_MS });
  }

  afterAll(async () => {
    await browser?.close();
    await stop(playground);
    await bot?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the help card, and replaces it with the usage card when Usage is clicked', async () => {
    assertSetUp();
    await send(page, 'help');
    const helpCard = page.locator('.ac-adaptiveCard', { hasText: 'AttachOps commands' });
    await helpCard.first().waitFor();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-help.png') });

    await helpCard.first().locator('button', { hasText: 'Usage' }).first().click();
    await page.locator('.ac-adaptiveCard', { hasText: 'help [command]' }).first().waitFor();
    await expect.poll(() => helpCard.count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-usage.png') });
  }, 60_000);

  it('calls the bot AttachOps (the configuration npm start writes, for the default user too) and welcomes once', async () => {
    assertSetUp();
    await page.getByText('AttachOps', { exact: true }).first().waitFor();
    expect(await page.getByText('Test Bot').count()).toBe(0);
    expect(await page.locator('.ac-adaptiveCard', { hasText: 'Welcome to AttachOps' }).count()).toBeLessThanOrEqual(1);
  }, 60_000);

  it('answers an unknown command with a card that names it', async () => {
    assertSetUp();
    await send(page, 'frobnicate');
    const card = page.locator('.ac-adaptiveCard', { hasText: "I don't know the command" });
    await card.first().waitFor();
    expect(await card.first().innerText()).toContain('frobnicate');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-unknown.png') });
  }, 60_000);
});
