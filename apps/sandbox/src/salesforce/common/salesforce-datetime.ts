/**
 * Salesforce renders datetimes as `2024-01-31T10:00:00.000+0000` (UTC, milliseconds always 000:
 * the platform keeps second precision). The sandbox stores ISO-8601 strings and truncates new
 * timestamps to the second, so equal LastModifiedDate values happen just as they do in Salesforce.
 */
export function formatSalesforceDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toISOString().replace('Z', '+0000');
}

/** Now, truncated to the whole second (Salesforce's timestamp precision). */
export function salesforceNow(clock: () => Date = () => new Date()): Date {
  const t = clock().getTime();
  return new Date(t - (t % 1000));
}
