import { WorkerDto, WorkerListDto } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { ListWorkersQueryDto } from './dto/list-workers-query.dto';
import { WorkerIdParamDto } from './dto/worker-id-param.dto';
import { DEFAULT_PAGE_SIZE, WorkersService } from './workers.service';

@ApiTags('workers')
@ProductScopes('hris')
@Controller('system/hris/v1/workers')
export class WorkersController {
  constructor(private readonly workers: WorkersService) {}

  /** Workers from the HRIS in the canonical model, by employee number, paged and filtered. */
  @Get()
  @ApiOperation({ operationId: 'listWorkers', summary: 'List workers' })
  list(@Query() query: ListWorkersQueryDto): Promise<WorkerListDto> {
    return this.workers.list(
      { status: query.status, legalEntityId: query.legalEntityId },
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.offset ?? 0,
    );
  }

  /** One worker by canonical id (employee number) or the HRIS's own id. */
  @Get(':id')
  @ApiOperation({ operationId: 'getWorker', summary: 'Get a worker' })
  get(@Param() params: WorkerIdParamDto): Promise<WorkerDto> {
    return this.workers.get(params.id);
  }
}
