import { ContractDto, ContractWriteDto, CrmContractListDto } from '@app/contracts';
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
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
import { ContractsService } from './contracts.service';
import { ContractIdParamDto } from './dto/contract-id-param.dto';

@ApiTags('contracts')
@ProductScopes('crm')
@Controller('system/crm/v1/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  /** Every contract in the CRM (all batches), in the canonical model. */
  @Get()
  @ApiOperation({ operationId: 'listCrmContracts', summary: 'List contracts' })
  list(): Promise<CrmContractListDto> {
    return this.contracts.list();
  }

  /** One contract by canonical id (or by the CRM's own id). */
  @Get(':id')
  @ApiOperation({ operationId: 'getCrmContract', summary: 'Get a contract' })
  get(@Param() params: ContractIdParamDto): Promise<ContractDto> {
    return this.contracts.get(params.id);
  }

  /**
   * Creates the contract, exactly once: the canonical `id` is the CRM record's external id
   * (Salesforce: an upsert by `External_Id__c`), so a retry finds the contract already made and
   * answers 200 instead of creating a second one. `customerId` and `opportunityId` are canonical ids
   * (422 naming the field when the CRM has none). Salesforce contracts run whole months: an
   * `endDate` that is not `startDate` + N months - 1 day is a 422 naming `endDate`.
   */
  @Post()
  @ApiOperation({ operationId: 'createCrmContract', summary: 'Create a contract (safe to retry)' })
  @ApiCreatedResponse({ type: ContractDto, description: 'Created' })
  @ApiOkResponse({ type: ContractDto, description: 'Already existed (a retry): updated to the body' })
  @ApiUnprocessableEntityResponse({ description: VENDOR_REJECTED })
  @ApiConflictResponse({ description: AMBIGUOUS_ID })
  async create(@Body() body: ContractWriteDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ContractDto> {
    const { created, value } = await this.contracts.create(body);
    void reply.status(created ? 201 : 200);
    return value;
  }
}
