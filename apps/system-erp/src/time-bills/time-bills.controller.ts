import { ErpTimeBillDto, ErpTimeBillInputDto } from '@app/contracts';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ErpRecordsService } from '../erp-records.service';

@ApiTags('time-bills')
@ProductScopes('erp')
@Controller('system/erp/v1/time-bills')
export class TimeBillsController {
  constructor(private readonly erp: ErpRecordsService) {}

  /** Records approved time in the ERP (safe to retry: one record per canonical time entry id). */
  @Post()
  @ApiOperation({ operationId: 'createErpTimeBill', summary: 'Record a time bill' })
  create(@Body() body: ErpTimeBillInputDto): Promise<ErpTimeBillDto> {
    return this.erp.createTimeBill(body);
  }

  /** One time bill by canonical time entry id. */
  @Get(':id')
  @ApiOperation({ operationId: 'getErpTimeBill', summary: 'Get a time bill' })
  get(@Param() params: IdParamDto): Promise<ErpTimeBillDto> {
    return this.erp.getTimeBill(params.id);
  }
}
