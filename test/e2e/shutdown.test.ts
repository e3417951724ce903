import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../bot/context/command-context.js';
import { commands } from '../../bot/commands/index.js';
import { renderCard } from '../../cards/render.js';
import { messageActivity } from '../support/activities.js';
import { startTestBot } from '../support/bot-harness.js';

describe('graceful shutdown', () => {
  it('stops accepting, finishes the turn in flight, then stops', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow = defineCommand({
      name: 'slow',
      summary: 'Waits until the test lets it finish.',
      usage: 'slow',
      examples: ['slow'],
      positionals: [],
      args: z.object({}),
      changesTenant: false,
      role: 'anyone',
      async run() {
        started();
        await released;
        return renderCard('notice', { title: 'finished', message: 'the slow turn finished' });
      },
    });
    const harness = await startTestBot({ commands: [...commands, slow] });
    const inFlight = harness.post(messageActivity('slow', { serviceUrl: harness.connector.url }));
    await running;

    let repliesWhenClosed: string | undefined;
    const closing = harness.bot.close().then(() => {
      repliesWhenClosed = JSON.stringify(harness.connector.cards());
    });
    await expect(fetch(`${harness.bot.url}/readyz`)).rejects.toThrow();
    expect(repliesWhenClosed, 'close waits for the turn in flight').toBeUndefined();

    release();
    expect((await inFlight).status).toBe(200);
    await closing;
    expect(repliesWhenClosed, 'the turn had replied before close finished').toContain('the slow turn finished');
    await harness.connector.close();
  });
});
