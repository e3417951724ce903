import { formatMoment } from '../time-format.js';
import type { DetailFact } from '../card-extras.js';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const WMI_NAME = /\bSMS_[A-Za-z_]*(?:\.[A-Za-z]+)?/;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?/;
const TECHNICAL = new RegExp(`${GUID.source}|${WMI_NAME.source}|${ISO_TIME.source}`, 'i');
const PARENTHESES = /\s*\(([^()]*)\)/g;

/** Text for a card, and the technical facts taken out of it for the card's Details part. */
export interface PlainText {
  readonly text: string;
  readonly technical: readonly string[];
}

/**
 * Takes ids, WMI class names and exact timestamps out of a message written for logs as much as for people:
 * a parenthesis holding one goes to Details whole (`Created policy EDR pilot (3f2a…)` → `Created policy EDR pilot`);
 * a time left in the text reads `today 09:41 UTC`; any other id or class name is replaced by a pointer to Details.
 */
export function plainText(message: string, now: Date): PlainText {
  const technical: string[] = [];
  const withoutParentheses = message.replace(PARENTHESES, (whole, inner: string) => {
    if (!TECHNICAL.test(inner)) return whole;
    technical.push(inner.trim());
    return '';
  });
  const timesRead = withoutParentheses.replace(new RegExp(ISO_TIME.source, 'g'), (at) => formatMoment(at, now));
  const text = timesRead.replace(new RegExp(`${GUID.source}|${WMI_NAME.source}`, 'gi'), (fact) => {
    technical.push(fact);
    return 'an id shown in Details';
  });
  return { text, technical };
}

/** The Details facts for several messages, each under its own title, only those that had technical facts. */
export function detailFacts(entries: readonly { title: string; technical: readonly string[] }[]): DetailFact[] {
  return entries
    .filter((entry) => entry.technical.length > 0)
    .map((entry) => ({ title: entry.title, value: entry.technical.join('; ') }));
}
