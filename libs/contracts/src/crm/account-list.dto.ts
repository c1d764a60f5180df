import { ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';
import { AccountDto } from './account.dto';

/** A list of CRM accounts. */
@ApiSchema({ name: 'CrmAccountList' })
export class AccountListDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AccountDto)
  items: AccountDto[];
}
