import { PsaUserDto } from '@app/contracts';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiOperation, ApiSchema, ApiTags } from '@nestjs/swagger';
import { ProductScopes } from '@app/platform';
import { IsArray, IsEmail, IsOptional } from 'class-validator';
import { PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';

export class ListUsersQueryDto {
  /** Only the user with this email address (case-insensitive). */
  @IsOptional()
  @IsEmail()
  email?: string;
}

@ApiSchema({ name: 'PsaUserList' })
export class PsaUserListDto {
  @ApiProperty({ type: () => [PsaUserDto] })
  @IsArray()
  items: PsaUserDto[];
}

@ApiTags('users')
@ProductScopes('psa')
@Controller('system/psa/v1/users')
export class UsersController {
  constructor(@Inject(PSA_ADAPTER) private readonly psa: PsaAdapter) {}

  /** People who can be staffed and log time in the PSA. */
  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List PSA users' })
  async list(@Query() query: ListUsersQueryDto): Promise<PsaUserListDto> {
    return { items: await this.psa.listUsers({ email: query.email }) };
  }
}
