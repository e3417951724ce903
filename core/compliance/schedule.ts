import { Cron } from 'croner';
import { z } from 'zod';

/** When a subscription posts: a five-field cron pattern read in an IANA time zone. */
export const scheduleSchema = z.object({
  cron: z.string().min(1),
  timeZone: z.string().min(1),
  /** As the user would read it: "daily at 09:00 (Europe/Paris)". */
  description: z.string(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** The first run strictly after `after`, in the schedule's time zone; `undefined` if the pattern never fires again. */
export function nextRunAfter(schedule: Schedule, after: Date): Date | undefined {
  const cron = new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true });
  return cron.nextRun(after) ?? undefined;
}

/** Whether croner accepts the pattern; the message names what is wrong. */
export function cronProblem(pattern: string): string | undefined {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5)
    return `has ${fields.length} fields; a cron pattern has 5 (minute hour day-of-month month day-of-week)`;
  try {
    const cron = new Cron(pattern, { paused: true });
    return cron.nextRun() ? undefined : 'never fires';
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern: /, '') : 'is not a valid cron pattern';
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}
