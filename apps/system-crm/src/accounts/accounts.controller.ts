import { AccountDto, AccountListDto, AccountWriteDto } from '@app/contracts';
import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AMBIGUOUS_ID, VENDOR_REJECTED } from '../common/responses';
import { ProductScopes } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { AccountsService } from './accounts.service';
import { AccountIdParamDto } from './dto/account-id-param.dto';

@ApiTags('accounts')
@ProductScopes('crm')
@Controller('system/crm/v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  /** Every customer account in the CRM, in the canonical model. */
  @Get()
  @ApiOperation({ operationId: 'listAccounts', summary: 'List accounts' })
  list(): Promise<AccountListDto> {
    return this.accounts.list();
  }

  /** One account by canonical id (or by the CRM's own id). */
  @Get(':id')
  @ApiOperation({ operationId: 'getAccount', summary: 'Get an account' })
  get(@Param() params: AccountIdParamDto): Promise<AccountDto> {
    return this.accounts.get(params.id);
  }

  /**
   * Creates or updates the account whose canonical id is `id` (Salesforce: an upsert by
   * `External_Id__c`), so a retry never makes a second record. 201 when this call created it, 200
   * when it existed. The CRM refusing the data: 422 problem+json with `vendor`, `vendorCode` and the
   * canonical `field`.
   */
  @Put(':id')
  @ApiOperation({ operationId: 'upsertAccount', summary: 'Create or update an account (safe to retry)' })
  @ApiCreatedResponse({ type: AccountDto, description: 'Created' })
  @ApiOkResponse({ type: AccountDto, description: 'Updated (it existed)' })
  @ApiUnprocessableEntityResponse({ description: VENDOR_REJECTED })
  @ApiConflictResponse({ description: AMBIGUOUS_ID })
  async upsert(
    @Param() params: AccountIdParamDto,
    @Body() body: AccountWriteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccountDto> {
    const { created, value } = await this.accounts.upsert(params.id, body);
    void reply.status(created ? 201 : 200);
    return value;
  }
}
