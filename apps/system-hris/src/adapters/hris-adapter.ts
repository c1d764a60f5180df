import type { WorkerDto, WorkerStatus } from '@app/contracts';

/**
 * A worker as the HRIS knows them, in canonical terms but before the firm's job profile -> role
 * mapping (that is per-firm data, applied by system-hris, never guessed by an adapter). Personal
 * data (private email, birth date, home address) never appears here: adapters drop it.
 */
export interface HrisWorker extends Omit<WorkerDto, 'role'> {
  /** The HRIS job profile, mapped to a canonical role through the firm's mapping table. */
  jobProfile: string;
  /** The HRIS's change clock for this worker (RFC 3339 UTC). */
  modifiedAt: string;
}

/** Filter of a worker listing. */
export interface HrisWorkerFilter {
  status?: WorkerStatus;
  legalEntityId?: string;
}

/**
 * What system-hris needs from an HRIS. One implementation per vendor (adapters/<vendor>/); callers
 * inject `HRIS_ADAPTER` and never see the vendor's format.
 */
export interface HrisAdapter {
  /** Lowercase system name, the key in `crossReferences` (e.g. `workday`). */
  readonly system: string;

  /** Every worker matching the filter (all pages), in employee number order. */
  listWorkers(filter: HrisWorkerFilter): Promise<HrisWorker[]>;

  /** One worker by canonical id (employee number) or the vendor's id; undefined when none. */
  getWorker(id: string): Promise<HrisWorker | undefined>;

  /** Workers changed at or after `since` (the vendor's clock), oldest change first. */
  changesSince(since: Date): Promise<HrisWorker[]>;
}

export const HRIS_ADAPTER = Symbol('HRIS_ADAPTER');
