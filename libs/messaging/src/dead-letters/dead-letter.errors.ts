import type { DeadLetterStatus } from './dead-letter.entity';

/** No dead letter with this id in this app. */
export class DeadLetterNotFoundError extends Error {
  constructor(readonly deadLetterId: string) {
    super(`Dead letter ${deadLetterId} does not exist`);
    this.name = 'DeadLetterNotFoundError';
  }
}

/** The action is not allowed in the dead letter's current status (e.g. replaying a resolved one). */
export class DeadLetterStateError extends Error {
  constructor(
    readonly deadLetterId: string,
    readonly status: DeadLetterStatus,
    readonly action: 'replay' | 'resolve',
  ) {
    super(`Dead letter ${deadLetterId} is ${status}; it cannot be ${action === 'replay' ? 'replayed' : 'resolved'}`);
    this.name = 'DeadLetterStateError';
  }
}
