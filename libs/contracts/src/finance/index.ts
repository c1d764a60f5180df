export * from './invoice-totals';
export * from './invoice.dto';
export * from './legal-entity.dto';
export * from './payment.dto';
export * from './erp.dto';
export * from './credit-note.dto';
