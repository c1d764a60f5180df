import { EventTypes } from '@app/contracts';
import type { ConsumerDefinition } from '@app/messaging';
import { ClosedWonConsumer } from './dashboard/closed-won.consumer';

/** The consumer groups of experience-api: each projection is fed by its own group. */
export const experienceApiConsumers: ConsumerDefinition[] = [
  { group: 'experience.dashboard', types: [EventTypes.OpportunityClosedWon], consumer: ClosedWonConsumer },
];
