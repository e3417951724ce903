/** A failure the person in the chat can understand and act on: what went wrong and how to fix it. */
export class UserFacingError extends Error {
  constructor(
    readonly title: string,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}
