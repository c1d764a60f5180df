import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ContractDto } from '../commercial/contract.dto';
import { AccountDto } from './account.dto';
import { OpportunityDto, OpportunityStage, OpportunityStages } from './opportunity.dto';

/** Body of `PUT /system/crm/v1/accounts/{id}`: the account as it should be (the id is in the path). */
@ApiSchema({ name: 'CrmAccountWrite' })
export class AccountWriteDto extends OmitType(AccountDto, ['id', 'crossReferences', 'updatedAt'] as const) {}

/**
 * Body of `PUT /system/crm/v1/opportunities/{id}`: the opportunity as it should be (the id is in the
 * path). `accountId` is the account's canonical id. Amount and budget share one currency.
 */
@ApiSchema({ name: 'OpportunityWrite' })
export class OpportunityWriteDto extends OmitType(OpportunityDto, [
  'id',
  'crossReferences',
  'updatedAt',
  'lineItems',
] as const) {}

/**
 * Body of `PATCH /system/crm/v1/opportunities/{id}`: what delivery writes back to the deal once the
 * project exists. At least one field.
 */
@ApiSchema({ name: 'OpportunityWriteBack' })
export class OpportunityWriteBackDto {
  /** The project code the deal was provisioned as. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  projectCode?: string;

  @ApiProperty({ enum: OpportunityStages, enumName: 'OpportunityStage', required: false, example: 'closed-won' })
  @IsOptional()
  @IsIn(OpportunityStages, { message: `stage must be one of: ${OpportunityStages.join(', ')}` })
  stage?: OpportunityStage;
}

/**
 * Body of `POST /system/crm/v1/contracts`: a contract with the caller's canonical id (`id`), so a
 * retried create finds the record it made (an external-id upsert) instead of making a second one.
 */
@ApiSchema({ name: 'CrmContractWrite' })
export class ContractWriteDto extends OmitType(ContractDto, [
  'crossReferences',
  'updatedAt',
  'amendments',
  'number',
] as const) {}

/** A list of contracts from the CRM. */
@ApiSchema({ name: 'CrmContractList' })
export class CrmContractListDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContractDto)
  items: ContractDto[];
}
