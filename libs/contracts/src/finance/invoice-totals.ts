import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { addMoney, type Money, subtractMoney, sumMoney } from '../common/money';

/** The amounts of an invoice that must agree with each other. */
export interface InvoiceAmounts {
  currency: string;
  lines: ReadonlyArray<{ amount: Money }>;
  subtotal: Money;
  tax: Money;
  total: Money;
  amountPaid: Money;
  amountDue: Money;
}

/** subtotal, total and amountDue computed from the lines, the tax and what was paid. */
export function computeInvoiceTotals(
  currency: string,
  lines: ReadonlyArray<{ amount: Money }>,
  tax: Money,
  amountPaid: Money,
): Pick<InvoiceAmounts, 'subtotal' | 'total' | 'amountDue'> {
  const subtotal = sumMoney(
    lines.map((l) => l.amount),
    currency,
  );
  const total = addMoney(subtotal, tax);
  return { subtotal, total, amountDue: subtractMoney(total, amountPaid) };
}

/** Why the invoice's totals disagree with its lines (or each other), or undefined when they agree. */
export function invoiceTotalsProblem(invoice: InvoiceAmounts): string | undefined {
  let expected: ReturnType<typeof computeInvoiceTotals>;
  try {
    expected = computeInvoiceTotals(invoice.currency, invoice.lines, invoice.tax, invoice.amountPaid);
  } catch (error) {
    return (error as Error).message;
  }
  for (const key of ['subtotal', 'total', 'amountDue'] as const) {
    if (invoice[key].amountMinor !== expected[key].amountMinor) {
      return `${key} is ${invoice[key].amountMinor} but the lines, tax and payments make ${expected[key].amountMinor}`;
    }
  }
  return undefined;
}

function looksLikeMoney(value: unknown): value is Money {
  const m = value as Partial<Money> | null;
  return m !== null && typeof m === 'object' && Number.isSafeInteger(m.amountMinor) && typeof m.currency === 'string';
}

/** Only invoices whose amounts are well-formed and all in the invoice currency are checked here. */
function checkable(invoice: Partial<InvoiceAmounts>): invoice is InvoiceAmounts {
  const { currency, lines } = invoice;
  if (typeof currency !== 'string' || !Array.isArray(lines)) return false;
  const amounts: unknown[] = [
    ...lines.map((l: unknown) => (l as { amount?: unknown } | null)?.amount),
    invoice.subtotal,
    invoice.tax,
    invoice.total,
    invoice.amountPaid,
    invoice.amountDue,
  ];
  return amounts.every((m) => looksLikeMoney(m) && m.currency === currency);
}

/**
 * Class-validator rule (on InvoiceDto.total): subtotal = sum(lines), total = subtotal + tax,
 * amountDue = total - amountPaid. Malformed amounts and foreign currencies are left to the field rules.
 */
export function ConsistentInvoiceTotals(validationOptions?: ValidationOptions): PropertyDecorator {
  const problemOf = (args?: ValidationArguments) => {
    const invoice = (args?.object ?? {}) as Partial<InvoiceAmounts>;
    return checkable(invoice) ? invoiceTotalsProblem(invoice) : undefined;
  };
  return ValidateBy(
    {
      name: 'consistentInvoiceTotals',
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => problemOf(args) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `invoice totals are inconsistent: ${problemOf(args) ?? 'unknown'}`,
      },
    },
    validationOptions,
  );
}
