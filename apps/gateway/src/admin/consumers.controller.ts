import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScopes } from '@app/platform';
import { ADMIN_SCOPE } from '../identity/identity';
import { BadRequestProblem } from '@app/platform';
import { ApiKeyService } from '../identity/api-key.service';
import { compileAllowList } from '../identity/identity-cache.service';
import { ConsumersService } from '../identity/consumers.service';
import { OAuthClientsService } from '../identity/oauth-clients.service';
import { AdminGuard } from './admin.guard';
import { toConsumerDto } from './admin.mapper';
import { ConsumerDto, CreateConsumerDto, UpdateConsumerDto } from './dto/consumer.dto';
import { ConsumerDetailDto } from './dto/credentials.dto';

/** Consumers (internal apps and partners): who may call what, from where, seeing which entities. */
@ApiTags('consumers')
@RequiresScopes(ADMIN_SCOPE)
@UseGuards(AdminGuard)
@Controller('gateway/admin/v1/consumers')
export class ConsumersController {
  constructor(
    private readonly consumers: ConsumersService,
    private readonly keys: ApiKeyService,
    private readonly clients: OAuthClientsService,
  ) {}

  /** Creates a consumer (no credentials yet: issue a key or create an OAuth client next). */
  @Post()
  @ApiOperation({ operationId: 'createConsumer', summary: 'Create a consumer' })
  async create(@Body() body: CreateConsumerDto): Promise<ConsumerDto> {
    checkAllowList(body.ipAllowList);
    const { name, ...settings } = body;
    return toConsumerDto(await this.consumers.create(name, settings));
  }

  /** Every consumer, by name. */
  @Get()
  @ApiOperation({ operationId: 'listConsumers', summary: 'List consumers' })
  async list(): Promise<ConsumerDto[]> {
    return (await this.consumers.list()).map(toConsumerDto);
  }

  /** One consumer (by id or name) with its API keys and OAuth clients. */
  @Get(':consumer')
  @ApiOperation({ operationId: 'getConsumer', summary: 'Get a consumer' })
  async get(@Param('consumer') ref: string): Promise<ConsumerDetailDto> {
    const row = await this.consumers.get(ref);
    return {
      ...toConsumerDto(row),
      keys: await this.keys.list(row.id),
      clients: await this.clients.list(row.id),
    };
  }

  /** Changes plan, scopes, products, legal entities, IP allow-list or the disabled flag; effective on every replica at once. */
  @Patch(':consumer')
  @ApiOperation({ operationId: 'updateConsumer', summary: 'Update a consumer' })
  async update(@Param('consumer') ref: string, @Body() body: UpdateConsumerDto): Promise<ConsumerDto> {
    checkAllowList(body.ipAllowList);
    return toConsumerDto(await this.consumers.update(ref, body));
  }

  /** Deletes a consumer with its keys and clients. */
  @Delete(':consumer')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteConsumer', summary: 'Delete a consumer' })
  async remove(@Param('consumer') ref: string): Promise<void> {
    await this.consumers.remove(ref);
  }
}

function checkAllowList(list: string[] | null | undefined): void {
  if (!list) return;
  try {
    compileAllowList(list);
  } catch (err) {
    throw new BadRequestProblem(`ipAllowList: ${(err as Error).message}`);
  }
}
