const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function toDate(at: Date | string): Date | undefined {
  const date = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function utcDayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

function hoursAndMinutes(date: Date): string {
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * A moment as people read it on a card, relative to `now` and always in UTC: `today 09:41 UTC`, `yesterday 17:02 UTC`,
 * `tomorrow 06:00 UTC`, `23 Nov 09:41 UTC` within the same year, `23 Nov 2025 09:41 UTC` otherwise. Never an ISO string.
 */
export function formatMoment(at: Date | string, now: Date): string {
  const date = toDate(at);
  if (!date) return 'an unknown time';
  const time = `${hoursAndMinutes(date)} UTC`;
  const dayOffset = utcDayNumber(date) - utcDayNumber(now);
  if (dayOffset === 0) return `today ${time}`;
  if (dayOffset === -1) return `yesterday ${time}`;
  if (dayOffset === 1) return `tomorrow ${time}`;
  const dayAndMonth = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return date.getUTCFullYear() === now.getUTCFullYear()
    ? `${dayAndMonth} ${time}`
    : `${dayAndMonth} ${date.getUTCFullYear()} ${time}`;
}
