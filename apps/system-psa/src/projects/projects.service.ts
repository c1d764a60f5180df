import { AssignmentDto, MilestoneDto, ProjectDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Created, ProjectPatch, PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';
import { CrossReferencesService } from '../cross-references/cross-references.service';
import {
  CreateAssignmentDto,
  CreateMilestoneDto,
  CreateProjectDto,
  UpsertMilestoneDto,
} from './dto/project-requests.dto';

/** Projects, their assignments and milestones in the configured PSA; creates keep cross-references. */
@Injectable()
export class ProjectsService {
  constructor(
    @Inject(PSA_ADAPTER) private readonly psa: PsaAdapter,
    private readonly refs: CrossReferencesService,
  ) {}

  list(): Promise<ProjectDto[]> {
    return this.psa.listProjects();
  }

  async get(id: string): Promise<ProjectDto> {
    const project = await this.psa.getProject(id);
    if (!project) throw new NotFoundProblem(`project ${id} does not exist in ${this.psa.system}`);
    return project;
  }

  async create(input: CreateProjectDto): Promise<Created<ProjectDto>> {
    const result = await this.psa.createProject(input);
    await this.refs.remember('project', result.value);
    return result;
  }

  async update(id: string, patch: ProjectPatch): Promise<ProjectDto> {
    const project = await this.psa.updateProject(id, patch);
    if (!project) throw new NotFoundProblem(`project ${id} does not exist in ${this.psa.system}`);
    return project;
  }

  listAssignments(projectId: string): Promise<AssignmentDto[]> {
    return this.psa.listAssignments(projectId);
  }

  async createAssignment(projectId: string, input: CreateAssignmentDto): Promise<Created<AssignmentDto>> {
    const result = await this.psa.createAssignment({ projectId, userId: input.userId, role: input.role });
    await this.refs.remember('assignment', result.value);
    return result;
  }

  listMilestones(projectId: string): Promise<MilestoneDto[]> {
    return this.psa.listMilestones(projectId);
  }

  async upsertMilestone(
    projectId: string,
    milestoneId: string,
    input: UpsertMilestoneDto,
  ): Promise<Created<MilestoneDto>> {
    const result = await this.psa.upsertMilestone({ ...input, id: milestoneId, projectId });
    await this.refs.remember('milestone', result.value);
    return result;
  }

  async createMilestone(projectId: string, input: CreateMilestoneDto): Promise<Created<MilestoneDto>> {
    const result = await this.psa.createMilestone({ ...input, projectId });
    await this.refs.remember('milestone', result.value);
    return result;
  }
}
