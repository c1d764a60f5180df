import { Injectable, Logger } from '@nestjs/common';
import {
  EventTypes,
  ExpenseApprovedData,
  MilestoneCompletedData,
  TimeApprovedData,
  validateContract,
} from '@app/contracts';
import { EventConsumer, EventEnvelope, HandlerContext, NonRetryableError } from '@app/messaging';
import { BillableIntakeService, expenseContent, milestoneContent, timeContent } from './billable-intake.service';

type IntakeData = TimeApprovedData | ExpenseApprovedData | MilestoneCompletedData;

/**
 * Billing's intake (group `process.billing.intake`, separate from resource-sync's own `time.approved`
 * group): approved time, approved expenses and completed milestones from the PSA's change feed become
 * billable items with their source references, once per event (the inbox) and once per content (see
 * BillableIntakeService). An event whose payload breaks the contract is a dead letter (not retried).
 */
@Injectable()
export class BillableIntakeConsumer implements EventConsumer<IntakeData> {
  private readonly log = new Logger(BillableIntakeConsumer.name);

  constructor(private readonly intake: BillableIntakeService) {}

  async handle(event: EventEnvelope<IntakeData>, { manager }: HandlerContext): Promise<void> {
    const { problems } = validateContract<object>(eventClass(event.type), event.data, { forbidUnknown: false });
    if (problems.length > 0) {
      throw new NonRetryableError(`${event.type} ${event.id} breaks its contract: ${problems.join('; ')}`);
    }
    const content =
      event.type === EventTypes.TimeApproved
        ? timeContent(
            (event.data as TimeApprovedData).timeEntry,
            (event.data as TimeApprovedData).approvedAt,
            (event.data as TimeApprovedData).approvedBy,
          )
        : event.type === EventTypes.ExpenseApproved
          ? expenseContent(
              (event.data as ExpenseApprovedData).expense,
              (event.data as ExpenseApprovedData).approvedAt,
              (event.data as ExpenseApprovedData).approvedBy,
            )
          : milestoneContent(
              (event.data as MilestoneCompletedData).milestone,
              (event.data as MilestoneCompletedData).completedAt,
            );
    const outcome = await this.intake.record(manager, content, event.id);
    if (outcome !== 'unchanged') {
      this.log.debug({ eventId: event.id, subject: event.subject, outcome }, 'billable item recorded');
    }
  }
}

function eventClass(type: string): new () => object {
  switch (type) {
    case EventTypes.TimeApproved:
      return TimeApprovedData;
    case EventTypes.ExpenseApproved:
      return ExpenseApprovedData;
    case EventTypes.MilestoneCompleted:
      return MilestoneCompletedData;
    default:
      throw new NonRetryableError(`billing intake does not handle ${type}`);
  }
}
