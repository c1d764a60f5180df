import { CustomerDto } from '@app/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { IdParamDto } from '../common/id-param.dto';
import { CustomersService } from './customers.service';

@ApiTags('customers')
@ProductScopes('billing')
@Controller('system/billing/v1/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  /** Creates the customer at the billing platform (201), or returns it when it already exists (200). */
  @Post()
  @HttpCode(201)
  @ApiOkResponse({ type: CustomerDto, description: 'The customer already existed' })
  @ApiOperation({ operationId: 'createBillingCustomer', summary: 'Create a billing customer' })
  async create(@Body() body: CustomerDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CustomerDto> {
    const { customer, created } = await this.customers.create(body);
    if (!created) void reply.status(200);
    return customer;
  }

  /** The billing customer by canonical id, with its cross-references. */
  @Get(':id')
  @ApiOperation({ operationId: 'getBillingCustomer', summary: 'Get a billing customer' })
  get(@Param() params: IdParamDto): Promise<CustomerDto> {
    return this.customers.get(params.id);
  }
}
