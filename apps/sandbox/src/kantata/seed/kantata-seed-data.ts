import { DEMO_MONTH, DEMO_UNAPPROVED_FROM } from '../../common/demo-firm';

/**
 * The Kantata sandbox's view of the shared demo firm (src/common/demo-firm): what it adds is
 * Kantata's own bookkeeping. All timestamps are on 2025-06-01, so a change feed started "now" sees
 * none of it.
 */
export const SEED_SERVICE_NAME = 'ps-gateway';
export const SEED_MONTH = DEMO_MONTH;
/** Time entries performed on or after this day are still awaiting approval. */
export const SEED_UNAPPROVED_FROM = DEMO_UNAPPROVED_FROM;
export const SEED_CREATED_AT = new Date('2025-06-01T08:00:00Z');
export const SEED_RATE_CARD_SET_TITLE = 'Standard Rates';
