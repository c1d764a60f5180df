import { ErpCustomerDto, ErpCustomerInputDto } from '@app/contracts';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IdParamDto } from '../common/id-param.dto';
import { ListErpCustomersQueryDto } from './dto/list-erp-customers.dto';
import { ErpRecordsService } from '../erp-records.service';

export class ErpCustomerListDto {
  items: ErpCustomerDto[];
}

@ApiTags('customers')
@ProductScopes('erp')
@Controller('system/erp/v1/customers')
export class CustomersController {
  constructor(private readonly erp: ErpRecordsService) {}

  /** Creates the customer in the ERP, or brings it up to date (safe to retry: keyed by the canonical id). */
  @Post()
  @ApiOperation({ operationId: 'upsertErpCustomer', summary: 'Create or update a customer' })
  upsert(@Body() body: ErpCustomerInputDto): Promise<ErpCustomerDto> {
    return this.erp.upsertCustomer(body);
  }

  /** Every customer of the ERP that has a canonical id; with `nameKey`, only those whose name has that key. */
  @Get()
  @ApiOperation({ operationId: 'listErpCustomers', summary: 'List customers' })
  list(@Query() query: ListErpCustomersQueryDto): Promise<ErpCustomerListDto> {
    return this.erp.listCustomers(query);
  }

  /** One customer by canonical id, as the ERP holds it. */
  @Get(':id')
  @ApiOperation({ operationId: 'getErpCustomer', summary: 'Get a customer' })
  get(@Param() params: IdParamDto): Promise<ErpCustomerDto> {
    return this.erp.getCustomer(params.id);
  }
}
