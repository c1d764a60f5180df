import { ErpCreditMemoDto, ErpCreditMemoInputDto } from '@app/contracts';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ErpRecordsService } from '../erp-records.service';

@ApiTags('credit-memos')
@ProductScopes('erp')
@Controller('system/erp/v1/credit-memos')
export class CreditMemosController {
  constructor(private readonly erp: ErpRecordsService) {}

  /** Issues a credit memo against an invoice (posted on creation; safe to retry: keyed by the canonical id). */
  @Post()
  @ApiOperation({ operationId: 'createErpCreditMemo', summary: 'Issue a credit memo' })
  create(@Body() body: ErpCreditMemoInputDto): Promise<ErpCreditMemoDto> {
    return this.erp.createCreditMemo(body);
  }

  /** One credit memo by canonical id, with its lines. */
  @Get(':id')
  @ApiOperation({ operationId: 'getErpCreditMemo', summary: 'Get a credit memo' })
  get(@Param() params: IdParamDto): Promise<ErpCreditMemoDto> {
    return this.erp.getCreditMemo(params.id);
  }
}
