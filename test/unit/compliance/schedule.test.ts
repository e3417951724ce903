import { describe, expect, it } from 'vitest';
import { parseScheduleFlags } from '../../../core/compliance/schedule-flags.js';
import { nextRunAfter, type Schedule } from '../../../core/compliance/schedule.js';

function schedule(flags: Parameters<typeof parseScheduleFlags>[0]): Schedule {
  const parsed = parseScheduleFlags(flags);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.schedule;
}

function problems(flags: Parameters<typeof parseScheduleFlags>[0]): { argument: string; problem: string }[] {
  const parsed = parseScheduleFlags(flags);
  return parsed.ok ? [] : [...parsed.problems];
}

describe('subscription schedules', () => {
  it('reads daily, weekly and cron schedules in the given time zone', () => {
    expect(schedule({})).toMatchObject({ cron: '0 9 * * *', timeZone: 'UTC', description: 'daily at 09:00 (UTC)' });
    expect(schedule({ daily: true, at: '7:05', tz: 'Europe/Paris' })).toMatchObject({
      cron: '5 7 * * *',
      description: 'daily at 07:05 (Europe/Paris)',
    });
    expect(schedule({ weekly: 'mon', at: '08:30', tz: 'America/New_York' })).toMatchObject({
      cron: '30 8 * * 1',
      description: 'every Monday at 08:30 (America/New_York)',
    });
    expect(schedule({ cron: '*/1 * * * *' })).toMatchObject({ cron: '*/1 * * * *', timeZone: 'UTC' });
  });

  it('computes the next run in the time zone, across daylight saving changes', () => {
    const paris = schedule({ daily: true, at: '09:00', tz: 'Europe/Paris' });
    expect(nextRunAfter(paris, new Date('2026-07-01T06:00:00Z'))).toEqual(new Date('2026-07-01T07:00:00Z'));
    expect(nextRunAfter(paris, new Date('2026-11-23T07:00:00Z'))).toEqual(new Date('2026-11-23T08:00:00Z'));
    expect(nextRunAfter(paris, new Date('2026-11-23T08:00:00Z'))).toEqual(new Date('2026-11-24T08:00:00Z'));
    const mondays = schedule({ weekly: 'monday', at: '09:00', tz: 'America/New_York' });
    expect(nextRunAfter(mondays, new Date('2026-11-23T20:00:00Z'))).toEqual(new Date('2026-11-30T14:00:00Z'));
    const tokyo = schedule({ cron: '0 0 * * *', tz: 'Asia/Tokyo' });
    expect(nextRunAfter(tokyo, new Date('2026-11-23T00:00:00Z'))).toEqual(new Date('2026-11-23T15:00:00Z'));
  });

  it('names the bad value: a time past 23:59, an unknown zone, a broken cron, an unknown day', () => {
    expect(problems({ daily: true, at: '25:00' })).toEqual([
      { argument: '--at', problem: expect.stringContaining('"25:00"') },
    ]);
    expect(problems({ tz: 'Mars/Olympus' })).toEqual([
      { argument: '--tz', problem: expect.stringContaining('"Mars/Olympus"') },
    ]);
    expect(problems({ cron: '61 * * * *' })).toEqual([
      { argument: '--cron', problem: expect.stringMatching(/"61 \* \* \* \*".*minute/) },
    ]);
    expect(problems({ cron: '* * *' })).toEqual([{ argument: '--cron', problem: expect.stringContaining('3 fields') }]);
    expect(problems({ weekly: 'someday', at: '09:00' })).toEqual([
      { argument: '--weekly', problem: expect.stringContaining('"someday"') },
    ]);
  });

  it('refuses conflicting schedule flags', () => {
    expect(problems({ daily: true, weekly: 'mon' })[0]).toMatchObject({
      argument: '--daily --weekly',
      problem: expect.stringContaining('choose one'),
    });
    expect(problems({ cron: '0 9 * * *', at: '10:00' })).toEqual([
      { argument: '--at', problem: expect.stringContaining('--cron') },
    ]);
    expect(problems({ daily: true, cron: '0 9 * * *' })[0]?.argument).toBe('--daily --cron');
  });
});
