import { Injectable } from '@nestjs/common';
import { WorkerChangedData, WorkerDto, validateContract } from '@app/contracts';
import { EventConsumer, EventEnvelope, HandlerContext, NonRetryableError } from '@app/messaging';
import { WorkerSyncService } from './worker-sync.service';

/** `worker.changed` from the HRIS system API -> the resource sync, once per event (the inbox). */
@Injectable()
export class WorkerChangedConsumer implements EventConsumer<WorkerChangedData> {
  constructor(private readonly sync: WorkerSyncService) {}

  async handle(event: EventEnvelope<WorkerChangedData>, { manager }: HandlerContext): Promise<void> {
    const { problems } = validateContract(WorkerDto, event.data?.worker, { forbidUnknown: false });
    if (problems.length > 0) {
      throw new NonRetryableError(`worker.changed ${event.id} carries an invalid worker: ${problems.join('; ')}`);
    }
    await this.sync.apply(event.data, { eventId: event.id, occurredAt: new Date(event.occurredAt) }, manager);
  }
}
