// Drives the Agents Playground's web UI in headless Chromium (playwright-core): typing commands, finding the bot's
// cards. Shared by test/e2e/playground.test.ts and scripts/screenshots.mjs.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The chat's message editor. */
export const EDITOR = '[data-lexical-editor="true"][role="textbox"]';
/** Every Adaptive Card the playground renders. */
const CARD = '.ac-adaptiveCard';
/** The playground's editor becomes clickable seconds after the page is network-idle (5 s idle here, more under load). */
export const EDITOR_READY_TIMEOUT_MS = 30_000;

/** Headless Chromium from /usr/bin/chromium, or an error saying how to install it. */
export function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * A new page on the playground at `url`, returned once its editor takes input.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ timeoutMs: number, viewport?: { width: number, height: number }, deviceScaleFactor?: number }} options
 */
export async function openPlayground(
  browser,
  url,
  { timeoutMs, viewport = { width: 1400, height: 900 }, deviceScaleFactor },
) {
  const page = await browser.newPage({ viewport, deviceScaleFactor });
  page.setDefaultTimeout(timeoutMs);
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator(EDITOR).click({ timeout: EDITOR_READY_TIMEOUT_MS });
  return page;
}

/**
 * Types `text` into the chat and sends it.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function send(page, text) {
  await page.locator(EDITOR).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * The cards in the chat whose text contains `text`.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} text
 */
export function cardsWith(page, text) {
  return page.locator(CARD, { hasText: text });
}
