/** A failure of the stack launcher that a person can act on; its message says what to do. */
export class StackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackError';
  }
}
