import { ContractDto, ContractWriteDto, CrmContractListDto } from '@app/contracts';
import { NotFoundProblem } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { CRM_ADAPTER, CrmAdapter, UpsertOutcome } from '../adapters/crm-adapter';
import { CrossReferenceStore } from '../cross-references/cross-reference.store';

/** Canonical contracts in the configured CRM. */
@Injectable()
export class ContractsService {
  constructor(
    @Inject(CRM_ADAPTER) private readonly crm: CrmAdapter,
    private readonly crossReferences: CrossReferenceStore,
  ) {}

  async list(): Promise<CrmContractListDto> {
    const items = await this.crm.listContracts();
    await this.crossReferences.record(this.crm.system, 'contract', items);
    return { items };
  }

  async get(id: string): Promise<ContractDto> {
    const contract = await this.crm.getContract(id);
    if (!contract) throw new NotFoundProblem(`Contract ${id} does not exist in ${this.crm.system}`);
    await this.crossReferences.record(this.crm.system, 'contract', [contract]);
    return contract;
  }

  /** Creates the contract with canonical id `body.id`, or updates it when a retry finds it made. */
  async create(body: ContractWriteDto): Promise<UpsertOutcome<ContractDto>> {
    const outcome = await this.crm.upsertContract(body);
    await this.crossReferences.record(this.crm.system, 'contract', [outcome.value]);
    return outcome;
  }
}
