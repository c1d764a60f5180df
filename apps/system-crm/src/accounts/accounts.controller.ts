import { AccountDto, AccountListDto } from '@app/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from './accounts.service';
import { AccountIdParamDto } from './dto/account-id-param.dto';

@ApiTags('accounts')
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
}
