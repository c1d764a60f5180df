import { ErpProjectDto, ErpProjectInputDto, ErpProjectPatchDto } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ErpRecordsService } from '../erp-records.service';

@ApiTags('projects')
@ProductScopes('erp')
@Controller('system/erp/v1/projects')
export class ProjectsController {
  constructor(private readonly erp: ErpRecordsService) {}

  /** Creates the project under its customer, or brings it up to date (safe to retry). */
  @Post()
  @ApiOperation({ operationId: 'upsertErpProject', summary: 'Create or update a project' })
  upsert(@Body() body: ErpProjectInputDto): Promise<ErpProjectDto> {
    return this.erp.upsertProject(body);
  }

  /** One project by canonical id, with its customer and legal entity. */
  @Get(':id')
  @ApiOperation({ operationId: 'getErpProject', summary: 'Get a project' })
  get(@Param() params: IdParamDto): Promise<ErpProjectDto> {
    return this.erp.getProject(params.id);
  }

  /**
   * Changes only the fields present: projected end date, budget (estimated revenue, in the project
   * currency) and `status` (`inactive` stops postings: compensation or closure; `active` reopens).
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'patchErpProject', summary: 'Update a project (end date, budget, status)' })
  patch(@Param() params: IdParamDto, @Body() body: ErpProjectPatchDto): Promise<ErpProjectDto> {
    return this.erp.patchProject(params.id, body);
  }
}
