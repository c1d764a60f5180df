import { AccountDto, AccountListDto, AccountWriteDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CRM_ADAPTER, CrmAdapter, UpsertOutcome } from '../adapters/crm-adapter';
import { CrossReferenceStore } from '../cross-references/cross-reference.store';

/** Canonical accounts in the configured CRM; every record read or written keeps its cross-reference. */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(CRM_ADAPTER) private readonly crm: CrmAdapter,
    private readonly crossReferences: CrossReferenceStore,
  ) {}

  async list(): Promise<AccountListDto> {
    const items = await this.crm.listAccounts();
    await this.crossReferences.record(this.crm.system, 'account', items);
    return { items };
  }

  async get(id: string): Promise<AccountDto> {
    const account = await this.crm.getAccount(id);
    if (!account) throw new NotFoundProblem(`Account ${id} does not exist in ${this.crm.system}`);
    await this.crossReferences.record(this.crm.system, 'account', [account]);
    return account;
  }

  /** Creates or updates the account with canonical id `id` (one CRM record per id, however often retried). */
  async upsert(id: string, body: AccountWriteDto): Promise<UpsertOutcome<AccountDto>> {
    const outcome = await this.crm.upsertAccount(id, body);
    await this.crossReferences.record(this.crm.system, 'account', [outcome.value]);
    return outcome;
  }
}
