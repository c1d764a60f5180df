import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AssignmentDto, PsaUserDto, ProjectDto, RateCardDto, TimeEntryDto, WorkerDto } from '@app/contracts';
import { SystemErpClient, SystemHrisClient, SystemPsaClient } from '../common/system-apis';
import { SystemApiBusinessError } from '../common/system-apis';
import type { ErpEmployeeRead, ErpEmployeeWrite, PsaUserWrite, ResourceDirectory } from './resource-directory';

const HRIS_PAGE = 200;

/** The resource directory over the system APIs, reached through the gateway with process-api's service key. */
@Injectable()
export class GatewayResourceDirectory implements ResourceDirectory {
  constructor(
    private readonly hris: SystemHrisClient,
    private readonly psa: SystemPsaClient,
    private readonly erp: SystemErpClient,
  ) {}

  async listWorkers(): Promise<WorkerDto[]> {
    const all: WorkerDto[] = [];
    for (let offset = 0; ; offset += HRIS_PAGE) {
      const page = await this.hris.listWorkers({ limit: String(HRIS_PAGE), offset: String(offset) });
      all.push(...(page.items as unknown as WorkerDto[]));
      if (page.items.length < HRIS_PAGE || (page.total !== undefined && all.length >= page.total)) return all;
    }
  }

  async listPsaUsers(email?: string): Promise<PsaUserDto[]> {
    const page = await this.psa.listUsers(email ? { email } : {});
    return page.items as unknown as PsaUserDto[];
  }

  async createPsaUser(user: PsaUserWrite): Promise<PsaUserDto> {
    const key = `resource-sync:user:${user.id}:${createHash('sha256').update(JSON.stringify(user)).digest('hex').slice(0, 32)}`;
    return (await this.psa.createUser({ ...user }, key)) as unknown as PsaUserDto;
  }

  async updatePsaUser(workerId: string, patch: Partial<Omit<PsaUserWrite, 'id'>>): Promise<PsaUserDto | null> {
    try {
      return (await this.psa.patchUser(workerId, { ...patch })) as unknown as PsaUserDto;
    } catch (err) {
      if (err instanceof SystemApiBusinessError && err.status === 404) return null;
      throw err;
    }
  }

  async getErpEmployee(workerId: string): Promise<ErpEmployeeRead | null> {
    return ((await this.erp.getEmployee(workerId)) as unknown as ErpEmployeeRead | undefined) ?? null;
  }

  async upsertErpEmployee(employee: ErpEmployeeWrite): Promise<ErpEmployeeRead> {
    // Same content, same key (a retry replays); changed content is a new write.
    const key = `resource-sync:${employee.id}:${createHash('sha256').update(JSON.stringify(employee)).digest('hex').slice(0, 32)}`;
    return (await this.erp.createEmployee({ ...employee }, key)) as unknown as ErpEmployeeRead;
  }

  async listProjects(): Promise<ProjectDto[]> {
    return (await this.psa.listProjects({})).items as unknown as ProjectDto[];
  }

  async getProject(id: string): Promise<ProjectDto | null> {
    return ((await this.psa.getProject(id)) as unknown as ProjectDto | undefined) ?? null;
  }

  async listAssignments(projectId: string): Promise<AssignmentDto[]> {
    return (await this.psa.listAssignments(projectId)).items as unknown as AssignmentDto[];
  }

  async listTimeEntries(filter: { projectId?: string; from: string; to: string }): Promise<TimeEntryDto[]> {
    const query: Record<string, string> = { from: filter.from, to: filter.to };
    if (filter.projectId) query.projectId = filter.projectId;
    return (await this.psa.listTimeEntries(query)).items as unknown as TimeEntryDto[];
  }

  async listRateCards(): Promise<RateCardDto[]> {
    return (await this.psa.listRateCards()).items as unknown as RateCardDto[];
  }
}
