import type { Activity } from 'botbuilder';

/** An activity that passed `inboundActivitySchema`, with its timestamps as Dates, as CloudAdapter.process makes them. */
export function toActivity(body: unknown): Activity {
  const activity = { ...(body as Record<string, unknown>) };
  for (const [field, raw] of TIMESTAMP_FIELDS) {
    const value = activity[field];
    if (typeof value !== 'string') continue;
    activity[raw] = value;
    activity[field] = new Date(value);
  }
  return activity as unknown as Activity;
}

const TIMESTAMP_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['expiration', 'rawExpiration'],
  ['localTimestamp', 'rawLocalTimestamp'],
] as const;
