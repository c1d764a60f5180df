/** Descriptions of the write answers every system-crm write documents. */
export const VENDOR_REJECTED =
  'The CRM refused the data, or a referenced record does not exist there: problem+json with `vendor`, `vendorCode` (e.g. REQUIRED_FIELD_MISSING, INVALID_FIELD) and the canonical `field`.';
export const AMBIGUOUS_ID =
  'The CRM holds several records with this external id (vendorCode MULTIPLE_CHOICES): fix the data in the CRM.';
