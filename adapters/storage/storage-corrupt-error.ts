export class StorageCorruptError extends Error {
  constructor(
    readonly key: string,
    readonly file: string,
    readonly problem: string,
  ) {
    super(`the stored file for key "${key}" (${file}) cannot be read: ${problem}`);
    this.name = 'StorageCorruptError';
  }
}
