import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScopes } from '@app/platform';
import { ADMIN_SCOPE } from '../identity/identity';
import { ApiKeyService } from '../identity/api-key.service';
import { ConsumersService } from '../identity/consumers.service';
import { OAuthClientsService } from '../identity/oauth-clients.service';
import { AdminGuard } from './admin.guard';
import {
  ApiKeyDto,
  IssueApiKeyDto,
  IssuedApiKeyDto,
  OAuthClientDto,
  OAuthClientSecretDto,
  RotateApiKeyDto,
  RotatedApiKeyDto,
  RotateClientSecretDto,
} from './dto/credentials.dto';

/** A consumer's API keys and OAuth clients: secrets are shown once, on creation and rotation. */
@ApiTags('credentials')
@RequiresScopes(ADMIN_SCOPE)
@UseGuards(AdminGuard)
@Controller('gateway/admin/v1/consumers/:consumer')
export class CredentialsController {
  constructor(
    private readonly consumers: ConsumersService,
    private readonly keys: ApiKeyService,
    private readonly clients: OAuthClientsService,
  ) {}

  /** The consumer's API keys (prefix and status, never the key). */
  @Get('keys')
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List API keys' })
  async listKeys(@Param('consumer') ref: string): Promise<ApiKeyDto[]> {
    return this.keys.list((await this.consumers.get(ref)).id);
  }

  /** Issues a new API key (32 random bytes), shown in this answer only. */
  @Post('keys')
  @ApiOperation({ operationId: 'issueApiKey', summary: 'Issue an API key' })
  async issueKey(@Param('consumer') ref: string, @Body() body: IssueApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.keys.issue((await this.consumers.get(ref)).id, body.expiresInMinutes);
  }

  /** Issues a replacement key; the old one keeps working for the overlap window, then expires. */
  @Post('keys/:keyId/rotate')
  @HttpCode(201)
  @ApiOperation({ operationId: 'rotateApiKey', summary: 'Rotate an API key' })
  async rotateKey(
    @Param('consumer') ref: string,
    @Param('keyId') keyId: string,
    @Body() body: RotateApiKeyDto,
  ): Promise<RotatedApiKeyDto> {
    const consumer = await this.consumers.get(ref);
    return this.keys.rotate(consumer.id, keyId, body.overlapMinutes, body.expiresInMinutes);
  }

  /** Revokes a key: every gateway replica refuses it within a second. */
  @Post('keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key' })
  async revokeKey(@Param('consumer') ref: string, @Param('keyId') keyId: string): Promise<ApiKeyDto> {
    return this.keys.revoke((await this.consumers.get(ref)).id, keyId);
  }

  /** The consumer's OAuth2 clients (never their secrets). */
  @Get('clients')
  @ApiOperation({ operationId: 'listOAuthClients', summary: 'List OAuth clients' })
  async listClients(@Param('consumer') ref: string): Promise<OAuthClientDto[]> {
    return this.clients.list((await this.consumers.get(ref)).id);
  }

  /** Creates an OAuth2 client-credentials client; its secret is shown in this answer only. */
  @Post('clients')
  @ApiOperation({ operationId: 'createOAuthClient', summary: 'Create an OAuth client' })
  async createClient(@Param('consumer') ref: string): Promise<OAuthClientSecretDto> {
    return this.clients.create((await this.consumers.get(ref)).id);
  }

  /** A new client secret, shown once; the previous one keeps working for the overlap window. */
  @Post('clients/:clientId/rotate-secret')
  @HttpCode(201)
  @ApiOperation({ operationId: 'rotateOAuthClientSecret', summary: 'Rotate an OAuth client secret' })
  async rotateSecret(
    @Param('consumer') ref: string,
    @Param('clientId') clientId: string,
    @Body() body: RotateClientSecretDto,
  ): Promise<OAuthClientSecretDto> {
    return this.clients.rotateSecret((await this.consumers.get(ref)).id, clientId, body.overlapMinutes);
  }

  /** Revokes a client: its tokens are refused on every replica at once. */
  @Post('clients/:clientId/revoke')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeOAuthClient', summary: 'Revoke an OAuth client' })
  async revokeClient(@Param('consumer') ref: string, @Param('clientId') clientId: string): Promise<OAuthClientDto> {
    return this.clients.revoke((await this.consumers.get(ref)).id, clientId);
  }
}
