export interface NoticeView {
  readonly title: string;
  readonly message: string;
}

export interface ErrorView {
  readonly title: string;
  readonly message: string;
  /** Empty when there is nothing the user can do. */
  readonly fix: string;
  readonly correlationId: string;
}

export function toErrorView(input: { title: string; message: string; fix?: string; correlationId: string }): ErrorView {
  return { title: input.title, message: input.message, fix: input.fix ?? '', correlationId: input.correlationId };
}
