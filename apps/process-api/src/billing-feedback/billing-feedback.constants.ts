/** Consumer group of the status feedback (invoice events -> CRM record and PSA invoice). */
export const BILLING_FEEDBACK_GROUP = 'process.billing-feedback';
