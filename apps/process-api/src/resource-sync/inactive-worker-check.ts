import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  billRateFor,
  effectiveRateCardVersion,
  type AssignmentDto,
  type ProjectDto,
  type RateCardDto,
  type TimeEntryDto,
} from '@app/contracts';
import { uuidv7 } from '@app/messaging';
import { AssignmentVersionEntity } from './entities/assignment-version.entity';
import { BillingHoldEntity } from './entities/billing-hold.entity';
import type { ResourceDirectory } from './resource-directory';

export interface ProjectExposure {
  projectId: string;
  activeAssignments: string[];
  minutesAfterEnd: number;
  /** Value of those minutes at the role's bill rate; null when no rate card prices them. */
  amountMinor: number | null;
  currency: string | null;
}

export interface InactiveWorkerFindings {
  projects: ProjectExposure[];
  heldEntries: number;
}

/**
 * What an inactive worker (terminated, or on leave) still has in the PSA after `endDate`: assignments
 * still open past it, and time dated after it (valued at the rate card's bill rate for the entry's
 * role, never at the worker's cost). Every assignment seen is recorded as a version; each late
 * entry becomes an open billing hold.
 */
export async function checkInactiveWorker(
  directory: ResourceDirectory,
  manager: EntityManager,
  worker: { id: string; legalEntityId: string },
  endDate: string,
  reason: string,
): Promise<InactiveWorkerFindings> {
  const projects = await directory.listProjects();
  const late = (await directory.listTimeEntries({ from: dayAfter(endDate), to: LAST_DAY })).filter(
    (e) => e.workerId === worker.id && e.date > endDate && e.status !== 'rejected',
  );
  const exposures: ProjectExposure[] = [];
  let rateCards: RateCardDto[] | undefined;
  let held = 0;
  for (const project of projects) {
    const assignments = (await directory.listAssignments(project.id)).filter((a) => a.workerId === worker.id);
    const entries = late.filter((e) => e.projectId === project.id);
    if (assignments.length === 0 && entries.length === 0) continue;
    for (const a of assignments) await recordAssignmentVersion(manager, a, project);
    const active = assignments.filter((a) => a.status !== 'cancelled' && (!a.endDate || a.endDate > endDate));
    if (active.length === 0 && entries.length === 0) continue;
    let amount: number | null = entries.length ? 0 : null;
    let minutes = 0;
    for (const entry of entries) {
      minutes += entry.minutes;
      rateCards ??= await directory.listRateCards();
      const value = valueOf(entry, project, assignments, rateCards);
      amount = amount === null || value === null ? null : amount + value;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(BillingHoldEntity)
        .values({
          id: uuidv7(),
          timeEntryId: entry.id,
          workerId: worker.id,
          projectId: project.id,
          legalEntity: project.legalEntityId,
          entryDate: entry.date,
          minutes: entry.minutes,
          amountMinor: value,
          currency: value === null ? null : project.currency,
          reason,
          createdAt: new Date(),
          releasedAt: null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      held += (inserted.raw as unknown[]).length;
    }
    exposures.push({
      projectId: project.id,
      activeAssignments: active.map((a) => a.id),
      minutesAfterEnd: minutes,
      amountMinor: amount,
      currency: amount === null ? null : project.currency,
    });
  }
  return { projects: exposures, heldEntries: held };
}

/** The upper bound of "time dated after the end" (the PSA API wants a closed range). */
const LAST_DAY = '2099-12-31';

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Minutes x the bill rate of the entry's role on the rate card of the project's currency (customer's first). */
export function valueOf(
  entry: TimeEntryDto,
  project: ProjectDto,
  assignments: AssignmentDto[],
  cards: RateCardDto[],
): number | null {
  const role = entry.role ?? assignments.find((a) => a.id === entry.assignmentId)?.role ?? assignments[0]?.role;
  if (!role) return null;
  const candidates = cards
    .filter((c) => c.currency === project.currency)
    .sort((a, b) => Number(b.customerId === project.customerId) - Number(a.customerId === project.customerId));
  for (const card of candidates) {
    const version = effectiveRateCardVersion(card, entry.date);
    const rate = version ? billRateFor(version, role) : undefined;
    if (rate) return Math.round((rate.amountMinor * entry.minutes) / 60);
  }
  return null;
}

/** A new version row when the assignment's content differs from every version seen so far. */
export async function recordAssignmentVersion(
  manager: EntityManager,
  a: AssignmentDto,
  project: Pick<ProjectDto, 'legalEntityId'>,
): Promise<void> {
  const content = {
    role: a.role,
    status: a.status,
    startDate: a.startDate ?? null,
    endDate: a.endDate ?? null,
    allocationPercent: a.allocationPercent ?? null,
  };
  const fingerprint = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  const repo = manager.getRepository(AssignmentVersionEntity);
  if (await repo.exist({ where: { assignmentId: a.id, fingerprint } })) return;
  const last = await repo.findOne({ where: { assignmentId: a.id }, order: { version: 'DESC' } });
  await manager
    .createQueryBuilder()
    .insert()
    .into(AssignmentVersionEntity)
    .values({
      id: uuidv7(),
      assignmentId: a.id,
      version: (last?.version ?? 0) + 1,
      workerId: a.workerId,
      projectId: a.projectId,
      legalEntity: project.legalEntityId,
      ...content,
      fingerprint,
      recordedAt: new Date(),
    })
    .orIgnore()
    .execute();
}
