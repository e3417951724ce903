import { describe, expect, it } from 'vitest';
import { appendLeftoverAuditLater } from '../../../bot/approvals/leftover-audit.js';
import { silentLogger } from '../../../core/ports/logger.js';

describe('the leftover approval audit task at start-up', () => {
  it('runs once after its delay, and stop waits for it', async () => {
    let calls = 0;
    let finish: (count: number) => void = () => undefined;
    let started: () => void = () => undefined;
    const startedOnce = new Promise<void>((resolve) => (started = resolve));
    const task = appendLeftoverAuditLater(
      {
        appendLeftoverAudit: () => {
          calls += 1;
          started();
          return new Promise<number>((resolve) => (finish = resolve));
        },
      },
      silentLogger,
      0,
    );
    await startedOnce;
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish(2);
    await stopping;
    expect(calls).toBe(1);
  });

  it('never runs when stopped before its delay', async () => {
    let calls = 0;
    const task = appendLeftoverAuditLater(
      {
        appendLeftoverAudit: () => {
          calls += 1;
          return Promise.resolve(0);
        },
      },
      silentLogger,
      60_000,
    );
    await task.stop();
    expect(calls).toBe(0);
  });
});
