import { PsaUserDto, PsaUserInputDto, PsaUserPatchDto } from '@app/contracts';
import { Body, Controller, Get, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiOperation, ApiSchema, ApiTags } from '@nestjs/swagger';
import { BadRequestProblem, NotFoundProblem, ProductScopes } from '@app/platform';
import { IsArray, IsEmail, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { PSA_ADAPTER, PsaAdapter } from '../adapters/psa-adapter';
import { UserIdParamDto } from './dto/user-requests.dto';

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

  /**
   * Creates the PSA user of an HRIS worker, exactly once: the worker's canonical `id` is stored with
   * the user as its external reference, so a retry returns the user already created (200). A user
   * with the same work email and no worker link is linked instead of duplicated (200); one linked to
   * another worker is a 409. No cost or bill rate is set here: bill rates come from rate cards.
   */
  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Create the PSA user of a worker (safe to retry)' })
  @ApiCreatedResponse({ type: PsaUserDto, description: 'Created' })
  @ApiOkResponse({ type: PsaUserDto, description: 'Already existed (a retry, or linked by work email)' })
  async create(@Body() body: PsaUserInputDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<PsaUserDto> {
    const { value, created } = await this.psa.createUser(body);
    void reply.status(created ? 201 : 200);
    return value;
  }

  /** One user by canonical id (worker id) or the PSA's own id. */
  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'Get a PSA user' })
  async get(@Param() params: UserIdParamDto): Promise<PsaUserDto> {
    const user = await this.psa.getUser(params.id);
    if (!user) throw new NotFoundProblem(`user ${params.id} does not exist in the PSA`);
    return user;
  }

  /** Changes only the fields present: name, work email, role, `active` (false deactivates, true reactivates). */
  @Patch(':id')
  @ApiOperation({ operationId: 'patchUser', summary: 'Update, deactivate or reactivate a PSA user' })
  async patch(@Param() params: UserIdParamDto, @Body() body: PsaUserPatchDto): Promise<PsaUserDto> {
    if (Object.values(body ?? {}).every((v) => v === undefined))
      throw new BadRequestProblem('the patch changes nothing: send at least one field');
    const user = await this.psa.updateUser(params.id, body);
    if (!user) throw new NotFoundProblem(`user ${params.id} does not exist in the PSA`);
    return user;
  }
}
