import { AssignmentDto, MilestoneDto, ProjectDto } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  AssignmentListDto,
  CreateAssignmentDto,
  CreateMilestoneDto,
  CreateProjectDto,
  MilestoneListDto,
  MilestoneParamsDto,
  PatchProjectDto,
  ProjectIdParamDto,
  ProjectListDto,
  UpsertMilestoneDto,
} from './dto/project-requests.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ProductScopes('psa')
@Controller('system/psa/v1/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  /** Every project in the PSA (all pages). */
  @Get()
  @ApiOperation({ operationId: 'listProjects', summary: 'List projects' })
  async list(): Promise<ProjectListDto> {
    return { items: await this.projects.list() };
  }

  /**
   * Creates the project in the PSA, exactly once: the canonical `id` is stored with it, so a retry
   * (after a timeout, or by a client) returns the project already created (200) instead of a duplicate.
   */
  @Post()
  @ApiOperation({ operationId: 'createProject', summary: 'Create a project (safe to retry)' })
  @ApiCreatedResponse({ type: ProjectDto, description: 'Created' })
  @ApiOkResponse({ type: ProjectDto, description: 'Already existed (a retry)' })
  async create(@Body() body: CreateProjectDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProjectDto> {
    const { value, created } = await this.projects.create(body);
    void reply.status(created ? 201 : 200);
    return value;
  }

  /** One project by canonical id (or by the PSA's own id). */
  @Get(':id')
  @ApiOperation({ operationId: 'getProject', summary: 'Get a project' })
  get(@Param() params: ProjectIdParamDto): Promise<ProjectDto> {
    return this.projects.get(params.id);
  }

  /**
   * Changes only the fields present: budget (project currency), end date (not before the start) and
   * status; `archived` archives the workspace (it stays readable; its status reads `completed`).
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'patchProject', summary: 'Update a project (budget, end date, status, archive)' })
  patch(@Param() params: ProjectIdParamDto, @Body() body: PatchProjectDto): Promise<ProjectDto> {
    return this.projects.update(params.id, body);
  }

  /** Who is staffed on the project (PSA participations). */
  @Get(':id/assignments')
  @ApiOperation({ operationId: 'listAssignments', summary: 'List the assignments of a project' })
  async listAssignments(@Param() params: ProjectIdParamDto): Promise<AssignmentListDto> {
    return { items: await this.projects.listAssignments(params.id) };
  }

  /** Staffs a user on the project, once (a retry returns the existing assignment with 200). */
  @Post(':id/assignments')
  @ApiOperation({ operationId: 'createAssignment', summary: 'Staff a user on a project (safe to retry)' })
  @ApiCreatedResponse({ type: AssignmentDto, description: 'Created' })
  @ApiOkResponse({ type: AssignmentDto, description: 'Already existed' })
  async createAssignment(
    @Param() params: ProjectIdParamDto,
    @Body() body: CreateAssignmentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssignmentDto> {
    const { value, created } = await this.projects.createAssignment(params.id, body);
    void reply.status(created ? 201 : 200);
    return value;
  }

  /** The project's milestones (PSA stories of type milestone). */
  @Get(':id/milestones')
  @ApiOperation({ operationId: 'listMilestones', summary: 'List the milestones of a project' })
  async listMilestones(@Param() params: ProjectIdParamDto): Promise<MilestoneListDto> {
    return { items: await this.projects.listMilestones(params.id) };
  }

  /** Creates a milestone once (by its canonical id). */
  @Post(':id/milestones')
  @ApiOperation({ operationId: 'createMilestone', summary: 'Create a milestone (safe to retry)' })
  @ApiCreatedResponse({ type: MilestoneDto, description: 'Created' })
  @ApiOkResponse({ type: MilestoneDto, description: 'Already existed' })
  async createMilestone(
    @Param() params: ProjectIdParamDto,
    @Body() body: CreateMilestoneDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneDto> {
    const { value, created } = await this.projects.createMilestone(params.id, body);
    void reply.status(created ? 201 : 200);
    return value;
  }

  /**
   * Creates the milestone under this canonical id (201) or brings its name, due date and amount up
   * to date (200): a milestone added or changed by a contract amendment. Safe to retry.
   */
  @Put(':id/milestones/:milestoneId')
  @ApiOperation({ operationId: 'upsertMilestone', summary: 'Create or change a milestone (safe to retry)' })
  @ApiCreatedResponse({ type: MilestoneDto, description: 'Created' })
  @ApiOkResponse({ type: MilestoneDto, description: 'Existed: brought up to date' })
  async upsertMilestone(
    @Param() params: MilestoneParamsDto,
    @Body() body: UpsertMilestoneDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneDto> {
    const { value, created } = await this.projects.upsertMilestone(params.id, params.milestoneId, body);
    void reply.status(created ? 201 : 200);
    return value;
  }
}
