/**
 * Errors meant for the person at the terminal: printed as one clear message, no stack trace.
 * Anything else that escapes a command is a bug and is reported as such.
 */

/** Bad input or environment: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
