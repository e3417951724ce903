import type { CardExtras, DetailFact } from '../card-extras.js';

export interface NoticeView extends CardExtras {
  readonly title: string;
  readonly message: string;
}

export interface ErrorView {
  readonly title: string;
  readonly message: string;
  /** Empty when there is nothing the user can do. */
  readonly fix: string;
  readonly correlationId: string;
  /** The reference to quote to whoever runs the bot, behind the card's Details toggle. */
  readonly details: readonly DetailFact[];
}

export function toErrorView(input: { title: string; message: string; fix?: string; correlationId: string }): ErrorView {
  return {
    title: input.title,
    message: input.message,
    fix: input.fix ?? '',
    correlationId: input.correlationId,
    details: [{ title: 'Reference (for whoever runs AttachOps)', value: input.correlationId }],
  };
}
