import { cronProblem, isTimeZone, type Schedule } from './schedule.js';

export interface ScheduleFlags {
  readonly daily?: boolean;
  readonly weekly?: string;
  readonly at?: string;
  readonly cron?: string;
  readonly tz?: string;
}

/** As the user would type it: `--at`, and what is wrong with the value. */
export interface FlagProblem {
  readonly argument: string;
  readonly problem: string;
}

export type ScheduleParse =
  | { readonly ok: true; readonly schedule: Schedule }
  | { readonly ok: false; readonly problems: readonly FlagProblem[] };

export const DEFAULT_TIME = '09:00';
export const DEFAULT_TIME_ZONE = 'UTC';

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** `--daily --at`, `--weekly <day> --at`, or `--cron`, each in `--tz` (UTC by default); daily at 09:00 when none is given. */
export function parseScheduleFlags(flags: ScheduleFlags): ScheduleParse {
  const problems: FlagProblem[] = [];
  const timeZone = flags.tz?.trim() || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone))
    problems.push({
      argument: '--tz',
      problem: `"${timeZone}" is not an IANA time zone (e.g. Europe/Paris, America/New_York, UTC)`,
    });
  const chosen = [
    flags.daily ? '--daily' : undefined,
    flags.weekly !== undefined ? '--weekly' : undefined,
    flags.cron !== undefined ? '--cron' : undefined,
  ].filter((flag) => flag !== undefined);
  if (chosen.length > 1)
    problems.push({
      argument: chosen.join(' '),
      problem: 'choose one schedule: --daily, --weekly <day> or --cron "<pattern>"',
    });
  if (flags.cron !== undefined && flags.at !== undefined)
    problems.push({ argument: '--at', problem: 'cannot be combined with --cron (put the time in the pattern)' });

  const time = TIME.exec((flags.at ?? DEFAULT_TIME).trim());
  if (!time)
    problems.push({
      argument: '--at',
      problem: `"${flags.at ?? ''}" is not a time of day; use HH:MM from 00:00 to 23:59`,
    });
  const day = flags.weekly === undefined ? undefined : dayIndex(flags.weekly);
  if (flags.weekly !== undefined && day === undefined)
    problems.push({ argument: '--weekly', problem: `"${flags.weekly}" is not a day of the week (e.g. monday or mon)` });
  const cronIssue = flags.cron === undefined ? undefined : cronProblem(flags.cron);
  if (flags.cron !== undefined && cronIssue)
    problems.push({ argument: '--cron', problem: `"${flags.cron}" ${cronIssue}` });
  if (problems.length > 0 || !time) return { ok: false, problems };

  const hour = Number(time[1]);
  const minute = Number(time[2]);
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (flags.cron !== undefined)
    return {
      ok: true,
      schedule: { cron: flags.cron.trim(), timeZone, description: `cron ${flags.cron.trim()} (${timeZone})` },
    };
  if (day !== undefined)
    return {
      ok: true,
      schedule: {
        cron: `${minute} ${hour} * * ${day}`,
        timeZone,
        description: `every ${capitalize(DAYS[day] ?? '')} at ${clock} (${timeZone})`,
      },
    };
  return {
    ok: true,
    schedule: { cron: `${minute} ${hour} * * *`, timeZone, description: `daily at ${clock} (${timeZone})` },
  };
}

function dayIndex(text: string): number | undefined {
  const typed = text.trim().toLowerCase();
  if (typed.length < 3) return undefined;
  const index = DAYS.findIndex((day) => day.startsWith(typed));
  return index < 0 ? undefined : index;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
