import { AccountDto, AccountListDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CRM_ADAPTER, CrmAdapter } from '../adapters/crm-adapter';

/** Reads canonical accounts from the configured CRM. */
@Injectable()
export class AccountsService {
  constructor(@Inject(CRM_ADAPTER) private readonly crm: CrmAdapter) {}

  async list(): Promise<AccountListDto> {
    return { items: await this.crm.listAccounts() };
  }

  async get(id: string): Promise<AccountDto> {
    const account = await this.crm.getAccount(id);
    if (!account) throw new NotFoundProblem(`Account ${id} does not exist in ${this.crm.system}`);
    return account;
  }
}
