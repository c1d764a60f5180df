import { WorkerDto, WorkerListDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { HRIS_ADAPTER, HrisAdapter, HrisWorkerFilter } from '../adapters/hris-adapter';
import { JobProfileRolesService } from '../roles/job-profile-roles.service';
import { UnmappedJobProfileProblem } from '../roles/unmapped-job-profile.problem';

export const DEFAULT_PAGE_SIZE = 50;

/** Canonical workers from the HRIS, with the firm's role mapping applied. */
@Injectable()
export class WorkersService {
  constructor(
    @Inject(HRIS_ADAPTER) private readonly hris: HrisAdapter,
    private readonly roles: JobProfileRolesService,
  ) {}

  /** One page; an unmapped job profile on the page is a 422 naming every worker concerned. */
  async list(filter: HrisWorkerFilter, limit = DEFAULT_PAGE_SIZE, offset = 0): Promise<WorkerListDto> {
    const all = await this.hris.listWorkers(filter);
    const page = all.slice(offset, offset + limit);
    const table = await this.roles.table();
    const unmapped = page.filter((w) => !table.roleOf(w.jobProfile));
    if (unmapped.length > 0) {
      const profile = unmapped[0].jobProfile;
      throw new UnmappedJobProfileProblem(
        profile,
        unmapped.filter((w) => w.jobProfile === profile).map((w) => w.id),
        this.hris.system,
      );
    }
    return { items: page.map((w) => table.toWorker(w, this.hris.system)), total: all.length, limit, offset };
  }

  async get(id: string): Promise<WorkerDto> {
    const worker = await this.hris.getWorker(id);
    if (!worker) throw new NotFoundProblem(`Worker ${id} does not exist in ${this.hris.system}`);
    return (await this.roles.table()).toWorker(worker, this.hris.system);
  }
}
