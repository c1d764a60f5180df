/**
 * Thrown by a handler when retrying cannot help (the event's data violates its contract, a referenced
 * object will never exist...): the event goes to the dead letters at once instead of after
 * MESSAGING_MAX_ATTEMPTS deliveries. The handler's writes are rolled back as for any failure.
 */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}
