import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import {
  JobProfileMappingDto,
  JobProfileMappingListDto,
  JobProfileParamDto,
  PutJobProfileMappingDto,
} from './dto/job-profile-mapping.dto';
import { JobProfileRoleEntity } from './entities/job-profile-role.entity';
import { JobProfileRolesService } from './job-profile-roles.service';

function toResponse(entity: JobProfileRoleEntity): JobProfileMappingDto {
  return { jobProfile: entity.jobProfile, role: entity.role, updatedAt: entity.updatedAt.toISOString() };
}

/** The firm's job profile -> role mapping table (data, not code). */
@ApiTags('job-profile-mappings')
@ProductScopes('hris')
@Controller('system/hris/v1/job-profile-mappings')
export class JobProfileMappingsController {
  constructor(private readonly roles: JobProfileRolesService) {}

  /** Every mapping of the firm, by job profile. */
  @Get()
  @ApiOperation({ operationId: 'listJobProfileMappings', summary: 'List job profile -> role mappings' })
  async list(): Promise<JobProfileMappingListDto> {
    return { items: (await this.roles.list()).map(toResponse) };
  }

  /** One mapping. */
  @Get(':jobProfile')
  @ApiOperation({ operationId: 'getJobProfileMapping', summary: 'Get the role of a job profile' })
  async get(@Param() params: JobProfileParamDto): Promise<JobProfileMappingDto> {
    return toResponse(await this.roles.get(params.jobProfile));
  }

  /** Sets the role of a job profile (201 when new, 200 when changed). */
  @Put(':jobProfile')
  @ApiOperation({ operationId: 'putJobProfileMapping', summary: 'Map a job profile to a role' })
  async put(
    @Param() params: JobProfileParamDto,
    @Body() body: PutJobProfileMappingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobProfileMappingDto> {
    const { mapping, created } = await this.roles.put(params.jobProfile, body.role);
    void reply.status(created ? 201 : 200);
    return toResponse(mapping);
  }

  /** Removes a mapping (workers with that job profile then fail with 422 unmapped-job-profile). */
  @Delete(':jobProfile')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteJobProfileMapping', summary: 'Remove a job profile mapping' })
  async remove(@Param() params: JobProfileParamDto): Promise<void> {
    await this.roles.remove(params.jobProfile);
  }
}
