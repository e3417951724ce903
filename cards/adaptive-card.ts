/** A rendered Adaptive Card, ready to attach to an activity. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [property: string]: unknown;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams' current Adaptive Card version; every template declares it. */
export const CARD_SCHEMA_VERSION = '1.5';
