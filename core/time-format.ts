/** A moment as people read it on a card: minutes in UTC, `2026-11-23 09:41 UTC`. Accepts a Date or an ISO string. */
export function formatUtcMinute(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return typeof at === 'string' ? at : 'an unknown time';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
