import { Injectable } from '@nestjs/common';
import type { ExpenseDto, MilestoneDto, TimeEntryDto } from '@app/contracts';
import { uuidv7 } from '@app/messaging';
import type { EntityManager } from 'typeorm';
import { BillableItemEntity, type BillableItemKind } from '../entities';

/** The content of one approved version of a source: what a later approval is compared with. */
export interface ItemContent {
  kind: BillableItemKind;
  sourceId: string;
  projectId: string;
  workerId: string | null;
  role: string | null;
  workDate: string;
  minutes: number | null;
  amountMinor: bigint | null;
  currency: string | null;
  billable: boolean;
  description: string | null;
  contractId: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
}

export type IntakeOutcome = 'recorded' | 'revised' | 'unchanged';

/** The fields whose change after approval is a correction (a reversal plus a revision). */
const COMPARED: Array<keyof ItemContent> = [
  'projectId',
  'workerId',
  'role',
  'workDate',
  'minutes',
  'amountMinor',
  'currency',
  'billable',
  'contractId',
];

export function timeContent(entry: TimeEntryDto, approvedAt: string, approvedBy?: string): ItemContent {
  return {
    kind: 'time',
    sourceId: entry.id,
    projectId: entry.projectId,
    workerId: entry.workerId,
    role: entry.role ?? null,
    workDate: entry.date,
    minutes: entry.minutes,
    amountMinor: null,
    currency: null,
    billable: entry.billable,
    description: entry.description ?? null,
    contractId: null,
    approvedBy: approvedBy ?? entry.approvedBy ?? null,
    approvedAt: new Date(approvedAt),
  };
}

export function expenseContent(expense: ExpenseDto, approvedAt: string, approvedBy?: string): ItemContent {
  return {
    kind: 'expense',
    sourceId: expense.id,
    projectId: expense.projectId,
    workerId: expense.workerId,
    role: null,
    workDate: expense.date,
    minutes: null,
    amountMinor: BigInt(expense.amount.amountMinor),
    currency: expense.amount.currency,
    billable: expense.billable,
    description: expense.description ?? expense.category,
    contractId: null,
    approvedBy: approvedBy ?? null,
    approvedAt: new Date(approvedAt),
  };
}

export function milestoneContent(milestone: MilestoneDto, completedAt: string): ItemContent {
  return {
    kind: 'milestone',
    sourceId: milestone.id,
    projectId: milestone.projectId,
    workerId: null,
    role: null,
    workDate: completedAt.slice(0, 10),
    minutes: null,
    amountMinor: BigInt(milestone.amount.amountMinor),
    currency: milestone.amount.currency,
    billable: true,
    description: milestone.name,
    contractId: milestone.contractId,
    approvedBy: null,
    approvedAt: new Date(completedAt),
  };
}

function same(a: ItemContent, b: BillableItemEntity): boolean {
  return COMPARED.every((key) => {
    const x = a[key as keyof ItemContent];
    const y = b[key as keyof BillableItemEntity];
    return (x ?? null) === (y ?? null);
  });
}

/**
 * Records approved work as billable items, idempotent per source event (the inbox) and per content: the
 * first approval of a source is version 1; an approval with the same content again (re-approved after a
 * withdrawal the PSA does not announce) changes nothing; an approval with other content is a correction:
 * a reversal of the current version (negative minutes or amount) and a revision with the new content,
 * never an update of what was approved. A reversal of a version no invoice has taken yet cancels it
 * before billing (both `superseded`); a reversal of a billed version is billed on the next run (an
 * adjustment), like any item.
 */
@Injectable()
export class BillableIntakeService {
  async record(manager: EntityManager, content: ItemContent, sourceEventId: string): Promise<IntakeOutcome> {
    const repo = manager.getRepository(BillableItemEntity);
    // One source at a time: concurrent approvals of one entry are serialized (transaction-scoped lock).
    await manager.query('select pg_advisory_xact_lock(hashtext($1))', [`billable:${content.kind}:${content.sourceId}`]);
    const versions = await repo.find({
      where: { kind: content.kind, sourceId: content.sourceId },
      order: { version: 'DESC' },
      lock: { mode: 'pessimistic_write' }, // a run assigning one of them waits, or is waited for
    });
    const now = new Date();
    const current = versions.find((v) => v.change !== 'reversal' && v.status !== 'superseded') ?? null;
    const lastVersion = versions[0]?.version ?? 0;
    const base = {
      ...content,
      sourceEventId,
      reversesItemId: null,
      holdReason: null,
      holdDetail: null,
      receivedAt: now,
      updatedAt: now,
    };
    if (!current) {
      await repo.insert({
        ...base,
        id: uuidv7(),
        version: lastVersion + 1,
        change: lastVersion === 0 ? 'original' : 'revision',
        status: 'open',
      });
      return 'recorded';
    }
    if (same(content, current)) return 'unchanged';

    const billed = current.status === 'assigned';
    const reversal: Partial<BillableItemEntity> = {
      id: uuidv7(),
      kind: current.kind,
      sourceId: current.sourceId,
      version: lastVersion + 1,
      change: 'reversal',
      reversesItemId: current.id,
      sourceEventId,
      projectId: current.projectId,
      workerId: current.workerId,
      role: current.role,
      workDate: current.workDate,
      minutes: current.minutes === null ? null : -current.minutes,
      amountMinor: current.amountMinor === null ? null : -current.amountMinor,
      currency: current.currency,
      billable: current.billable,
      description: `Reversal of version ${current.version}`,
      contractId: current.contractId,
      approvedBy: content.approvedBy,
      approvedAt: content.approvedAt,
      status: billed ? 'open' : 'superseded',
      holdReason: null,
      holdDetail: null,
      receivedAt: now,
      updatedAt: now,
    };
    await repo.insert(reversal);
    if (!billed) await repo.update({ id: current.id }, { status: 'superseded', updatedAt: now });
    await repo.insert({
      ...base,
      id: uuidv7(),
      version: lastVersion + 2,
      change: 'revision',
      reversesItemId: current.id,
      status: 'open',
    });
    return 'revised';
  }
}
