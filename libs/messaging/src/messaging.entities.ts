import { DeadLetterActionEntity } from './dead-letters/dead-letter-action.entity';
import { DeadLetterEntity } from './dead-letters/dead-letter.entity';
import { InboxEntity } from './inbox/inbox.entity';
import { OutboxEntity } from './outbox/outbox.entity';

/**
 * The tables every app using messaging has in its own schema (outbox, inbox, dead_letters,
 * dead_letter_actions): list them in the app's TypeORM entities so its migrations create them.
 */
export const messagingEntities = [OutboxEntity, InboxEntity, DeadLetterEntity, DeadLetterActionEntity];
