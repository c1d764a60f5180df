import 'reflect-metadata';
import { validateContract } from '../common/validate';
import { EventPayloadContracts, type EventPayloads } from './event-payloads';
import { EVENT_TYPES, EventTypes, isEventType, type EventType } from './event-types';

describe('event types', () => {
  it('names every event of the design, once', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'customer.changed',
        'opportunity.closed_won',
        'project.provisioned',
        'worker.changed',
        'time.approved',
        'expense.approved',
        'milestone.completed',
        'invoice.finalized',
        'invoice.paid',
        'invoice.partially_paid',
        'invoice.payment_failed',
        'invoice.voided',
        'invoice.posted',
      ].sort(),
    );
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/);
    expect(isEventType('invoice.paid')).toBe(true);
    expect(isEventType('invoice.refunded')).toBe(false);
    expect(isEventType(42)).toBe(false);
  });

  it('has a payload contract class for every type except those declared as interfaces', () => {
    const withoutClass = EVENT_TYPES.filter((t) => EventPayloadContracts[t] === undefined);
    expect(withoutClass).toEqual([EventTypes.OpportunityClosedWon]);
  });

  it('types the payload of each event', () => {
    // Compile-time check: the map links a type to its data.
    const data: EventPayloads[typeof EventTypes.InvoiceVoided] = {
      invoiceId: 'inv-1',
      crossReferences: { stripe: 'in_1' },
      voidedAt: '2025-03-02T10:00:00Z',
    };
    const type: EventType = EventTypes.InvoiceVoided;
    expect(validateContract(EventPayloadContracts[type]!, data).problems).toEqual([]);
  });
});

describe('event payloads', () => {
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

  it('validates nested canonical objects and names the nested field', () => {
    const contract = EventPayloadContracts[EventTypes.TimeApproved]!;
    const timeEntry = {
      id: 'te-1',
      crossReferences: { kantata: '1' },
      workerId: 'wrk-1',
      projectId: 'prj-1',
      date: '2025-02-03',
      minutes: 90,
      billable: true,
      status: 'approved',
      approvedAt: '2025-02-07T16:00:00Z',
    };
    expect(validateContract(contract, { timeEntry, approvedAt: '2025-02-07T16:00:00Z' }).problems).toEqual([]);
    expect(
      validateContract(contract, { timeEntry: { ...timeEntry, minutes: 1.5 }, approvedAt: '2025-02-07T16:00:00Z' })
        .problems,
    ).toEqual(['timeEntry.minutes: minutes must be a whole number of minutes between 1 and 1440']);
    expect(validateContract(contract, { approvedAt: 'now' }).problems).toEqual([
      'timeEntry: timeEntry should not be null or undefined',
      'approvedAt: approvedAt must be an RFC 3339 timestamp with a zone (e.g. 2025-03-01T09:30:00Z)',
    ]);
  });

  it('invoice.payment_failed carries the amount due in minor units', () => {
    const contract = EventPayloadContracts[EventTypes.InvoicePaymentFailed]!;
    const data = {
      invoiceId: 'inv-1',
      crossReferences: { stripe: 'in_1' },
      amountDue: usd(11_880_00),
      failureCode: 'card_declined',
      attemptCount: 1,
      failedAt: '2025-03-05T10:00:00Z',
    };
    expect(validateContract(contract, data).problems).toEqual([]);
    expect(validateContract(contract, { ...data, amountDue: usd(-1), attemptCount: 0 }).problems).toEqual([
      'amountDue: amountDue.amountMinor must not be less than 0',
      'attemptCount: attemptCount must not be less than 1',
    ]);
  });

  it('worker.changed knows the previous status', () => {
    const contract = EventPayloadContracts[EventTypes.WorkerChanged]!;
    const worker = {
      id: 'wrk-1',
      crossReferences: { workday: '21001' },
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'ada@example.com',
      status: 'terminated',
      terminationDate: '2025-06-30',
      legalEntityId: 'le-us01',
      costCentre: 'CC-100',
      location: 'NYC',
      role: 'consultant',
      costRate: { hourlyCost: usd(80_00), effectiveFrom: '2025-01-01' },
    };
    expect(
      validateContract(contract, { worker, previousStatus: 'active', changedFields: ['status'] }).problems,
    ).toEqual([]);
    expect(validateContract(contract, { worker, previousStatus: 'fired' }).problems).toEqual([
      'previousStatus: previousStatus must be one of the following values: active, on-leave, terminated',
    ]);
  });
});
