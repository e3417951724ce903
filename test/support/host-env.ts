import { expect } from 'vitest';

/** The Teams SDK the e2e suite runs the bot on: BOT_HOST (botbuilder unless set), as CI runs it once per host. */
export const TEST_BOT_HOST = process.env.BOT_HOST === 'agents' ? 'agents' : 'botbuilder';

/** The variable a bot started by a test inherits, so child processes run on the same host. */
export function hostEnv(): Record<string, string> {
  return { BOT_HOST: TEST_BOT_HOST };
}

/** Fails unless the bot at `url` says it runs on the host the suite asked for (its /healthz names it). */
export async function expectHost(url: string): Promise<void> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { host?: unknown };
  expect(health.host, `the bot at ${url} runs on BOT_HOST=${TEST_BOT_HOST}`).toBe(TEST_BOT_HOST);
}
