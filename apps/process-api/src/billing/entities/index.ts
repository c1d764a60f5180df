import { BillableItemEntity } from './billable-item.entity';
import { BillingInvoiceLineEntity } from './billing-invoice-line.entity';
import { BillingInvoiceEntity } from './billing-invoice.entity';
import { BillingLineItemEntity } from './billing-line-item.entity';
import { BillingRunEntity } from './billing-run.entity';

export * from './billable-item.entity';
export * from './billing-invoice-line.entity';
export * from './billing-invoice.entity';
export * from './billing-line-item.entity';
export * from './billing-run.entity';
export * from './bigint.transformer';

/** Billing's tables in the `process` schema. */
export const billingEntities = [
  BillableItemEntity,
  BillingRunEntity,
  BillingInvoiceEntity,
  BillingInvoiceLineEntity,
  BillingLineItemEntity,
];
