/** A failure of the stack launcher that a person can act on; its message says what to do. */
export class StackError extends Error {
  /** Set when a server could not bind a port that was free a moment before. */
  bindFailed?: boolean;

  constructor(message: string) {
    super(message);
    this.name = 'StackError';
  }
}
