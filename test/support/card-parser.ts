import { createRequire } from 'node:module';

interface ParseEvent {
  readonly message: string;
}
interface SerializationContext {
  readonly eventCount: number;
  getEventAt(index: number): ParseEvent;
}
interface ParsedCard {
  parse(json: unknown, context: SerializationContext): void;
  validateProperties(): { validationEvents: ParseEvent[] };
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => ParsedCard;
  SerializationContext: new () => SerializationContext;
}

const require = createRequire(import.meta.url);
/** The package's `main` is broken in Node; its UMD bundle parses and validates without a DOM. */
const adaptiveCards = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

const CHART_ELEMENT = /^Unknown element type "Chart\.[A-Za-z]+"/;

/** Every parse and validation problem the Adaptive Cards SDK reports, except Teams' chart elements it does not know. */
export function cardProblems(card: unknown): string[] {
  const parsed = new adaptiveCards.AdaptiveCard();
  const context = new adaptiveCards.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index += 1) problems.push(context.getEventAt(index).message);
  problems.push(...parsed.validateProperties().validationEvents.map((event) => event.message));
  return problems.filter((message) => !CHART_ELEMENT.test(message));
}

/** Every `Action.Execute` verb anywhere in a card. */
export function executeVerbs(card: unknown): string[] {
  const verbs: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string') verbs.push(record.verb);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return verbs;
}
