import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playgroundCommand, playgroundEnvironment, playgroundPort } from '../../scripts/lib/playground.mjs';
import { cardsWith, launchChromium, openPlayground, send } from '../../scripts/lib/playground-browser.mjs';
import { freePort } from '../support/free-port.js';
import { startTestBot, type TestBot } from '../support/bot-harness.js';

const SCREENSHOT_DIR = 'test-results';
const STOP_GRACE_MS = 3000;
const UI_TIMEOUT_MS = 15_000;

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
    dir = mkdtempSync(join(tmpdir(), 'attachops-playground-'));
    bot = await startTestBot();
    const started = startPlayground(await freePort(), `${bot.bot.url}/api/messages`, dir);
    playground = started.child;
    const port = await started.listening;
    browser = await launchChromium();
    page = await openPlayground(browser, `http://127.0.0.1:${port}/`, { timeoutMs: UI_TIMEOUT_MS });
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
    const helpCard = cardsWith(page, 'AttachOps commands');
    await helpCard.first().waitFor();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-help.png') });

    await helpCard.first().locator('button', { hasText: 'Usage' }).first().click();
    await cardsWith(page, 'help [command]').first().waitFor();
    await expect.poll(() => helpCard.count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-usage.png') });
  }, 60_000);

  it('calls the bot AttachOps (the configuration npm start writes, for the default user too) and welcomes once', async () => {
    assertSetUp();
    await page.getByText('AttachOps', { exact: true }).first().waitFor();
    expect(await page.getByText('Test Bot').count()).toBe(0);
    expect(await cardsWith(page, 'Welcome to AttachOps').count()).toBeLessThanOrEqual(1);
  }, 60_000);

  it('answers an unknown command with a card that names it', async () => {
    assertSetUp();
    await send(page, 'frobnicate');
    const card = cardsWith(page, "I don't know the command");
    await card.first().waitFor();
    expect(await card.first().innerText()).toContain('frobnicate');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-unknown.png') });
  }, 60_000);
});
